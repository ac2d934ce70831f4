import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bis } from './warten.ts';
import type { Client } from '../addin/api/index.ts';
import {
  Formelstapel,
  registriereFormeln,
  sendeUeber,
  trenneFormeln,
  verbindeFormeln,
} from '../addin/funktionen/index.ts';
import { addinServer, neueMappe } from './addin-helfer.ts';
import type { Host } from './excel-doppel/index.ts';

let s: Awaited<ReturnType<typeof addinServer>>['s'];
let jugendamt: Client;
let asd: Client;
let awo: Client;
let host: Host;

beforeAll(async () => {
  ({
    s,
    clients: { jugendamt, asd, awo },
  } = await addinServer('jugendamt', 'asd', 'awo'));
}, 180_000);
afterAll(async () => {
  await s.weg();
});
beforeEach(() => {
  ({ host } = neueMappe());
  registriereFormeln();
});

describe('POST /api/v1/formeln', () => {
  it('wertet viele Aufrufe in einer Anfrage aus, mit #WERT! für falsche Argumente und #NV ohne Zugriff', async () => {
    const r = await asd.api.v1.formeln.$post({
      json: {
        aufrufe: [
          { funktion: 'IST', argumente: ['saarburg', 2026, 9, null] },
          { funktion: 'FINANZVOLUMEN', argumente: ['saarburg', 2026, 'asd'] },
          { funktion: 'ABWEICHUNG', argumente: ['saarburg', 2026, 3] },
          { funktion: 'IST', argumente: ['trier', 2026, 9] },
          { funktion: 'PROGNOSE', argumente: ['saarburg', 2026, 13] },
          { funktion: 'FINANZVOLUMEN', argumente: ['konz', 2026] },
        ],
      },
    });
    expect(r.status).toBe(200);
    const { ergebnisse } = (await r.json()) as { ergebnisse: Array<Record<string, unknown>> };
    const abweichung = (await (
      await asd.api.v1.abweichung.$get({ query: { jahr: '2026', quartal: '3', sozialraum: 'saarburg' } })
    ).json()) as { zeilen: Array<Record<string, string>> };
    const gesamt = abweichung.zeilen.find((z) => z.topf === 'gesamt')!;
    expect(ergebnisse[0]).toEqual({ wert: Number(gesamt.ist_bis_stichtag) });
    expect(ergebnisse[2]).toEqual({ wert: Number(gesamt.abweichung) });
    expect(ergebnisse[1]!.wert).toBeGreaterThan(0);
    expect(ergebnisse[3]).toMatchObject({ fehler: 'wert', meldung: expect.stringContaining('Sozialraum „trier“') });
    expect(ergebnisse[4]).toMatchObject({
      fehler: 'wert',
      meldung: expect.stringContaining('Monat muss eine ganze Zahl von 1 bis 12'),
    });
    expect(ergebnisse[5]).toMatchObject({ fehler: 'nv', meldung: 'Kein Zugriff auf den Sozialraum konz.' });
  });

  it('behält gelesene Datensätze zwischen Neuberechnungen nur je Bereich: der Träger bekommt nie die Zahl des Jugendamts', async () => {
    const ist = async (c: Client) => {
      const r = await c.api.v1.formeln.$post({
        json: { aufrufe: [{ funktion: 'IST', argumente: ['konz', 2026, 9, 'variabel'] }] },
      });
      return ((await r.json()) as { ergebnisse: Array<{ wert: number }> }).ergebnisse[0]!.wert;
    };
    const traeger = await ist(awo); // read first, in the Träger's scope: its own use only (§6)
    const amt = await ist(jugendamt);
    expect(amt).toBeGreaterThan(traeger);
    expect([await ist(awo), await ist(jugendamt)]).toEqual([traeger, amt]);
  });

  it('SRB.FAELLE: die Fälle des Quartals wie GET /fachcontrolling, exakt nur für den Jugendamt-Controller, sonst #NV für verdeckte Anzahlen', async () => {
    for (const [client, exakt] of [
      [jugendamt, true],
      [asd, false],
    ] as const) {
      const tabelle = (await (
        await client.api.v1.fachcontrolling.$get({ query: { jahr: '2026', quartal: '3', sozialraum: 'saarburg' } })
      ).json()) as { zeilen: Array<Record<string, unknown>> };
      const zeilen = tabelle.zeilen.filter((z) => z.sozialraum === 'saarburg');
      const aufrufe = zeilen.map((z) => ({
        funktion: 'FAELLE' as const,
        argumente: ['saarburg', 2026, 3, z.hilfeart === 'gesamt' ? null : String(z.hilfeart).replace('§', '')],
      }));
      const { ergebnisse } = (await (
        await client.api.v1.formeln.$post({
          json: { aufrufe: [...aufrufe, { funktion: 'FAELLE', argumente: ['saarburg', 2026, 3, 'drei'] }] },
        })
      ).json()) as { ergebnisse: Array<Record<string, unknown>> };
      zeilen.forEach((z, i) => {
        if (z.faelle === '<3')
          expect(ergebnisse[i], `${z.hilfeart}`).toMatchObject({
            fehler: 'nv',
            meldung: expect.stringContaining('Schutz kleiner Fallzahlen'),
          });
        else expect(ergebnisse[i], `${z.hilfeart}`).toEqual({ wert: z.faelle });
      });
      const werte = ergebnisse.slice(0, -1).map((e) => e.wert);
      expect(
        werte.some((w) => w === 1 || w === 2),
        exakt ? 'jugendamt: exakte kleine Zahlen' : 'asd: keine kleinen Zahlen',
      ).toBe(exakt);
      expect(ergebnisse.at(-1)).toMatchObject({ fehler: 'wert', meldung: expect.stringContaining('Hilfeart „drei“') });
    }
  });

  it('liest höchstens 24 verschiedene Datensätze je Neuberechnung; darüber #WERT! statt einer Minute Last für alle', async () => {
    const aufrufe = Array.from({ length: 30 }, (_, i) => ({
      funktion: 'ABWEICHUNG' as const,
      argumente: ['saarburg', 2000 + i, 1],
    }));
    const { ergebnisse } = (await (await jugendamt.api.v1.formeln.$post({ json: { aufrufe } })).json()) as {
      ergebnisse: Array<Record<string, unknown>>;
    };
    expect(
      ergebnisse.slice(24).every((e) => e.fehler === 'wert' && String(e.meldung).includes('höchstens 24 Datensätze')),
    ).toBe(true);
    expect(ergebnisse.slice(0, 24).some((e) => e.fehler === 'wert')).toBe(false);
  });

  it('antwortet mit 304, solange sich seit dem ETag nichts geändert hat', async () => {
    const senden = sendeUeber(jugendamt);
    const erst = await senden([{ funktion: 'IST', argumente: ['konz', 2026, 3] }], null);
    expect(erst).not.toBe('unveraendert');
    const etag = (erst as { etag: string }).etag;
    expect(await senden([{ funktion: 'IST', argumente: ['konz', 2026, 3] }], etag)).toBe('unveraendert');

    // On another day a quarter may have ended without any write (SRB.ABWEICHUNG, SRB.FAELLE): the cells
    // ask anew. (The clock goes back to last evening: the sign-in's token holds for hours, not a day.)
    const gestern = new Date();
    gestern.setHours(0, 0, 0, 0);
    vi.useFakeTimers({ toFake: ['Date'], now: gestern.getTime() - 60_000 });
    try {
      expect(await senden([{ funktion: 'IST', argumente: ['konz', 2026, 3] }], etag)).not.toBe('unveraendert');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('GET /api/v1/prognosen/blatt', () => {
  it('gibt je Topf und Monat das Ist bis zum letzten gebuchten Monat und danach die automatische Projektion', async () => {
    const r = await jugendamt.api.v1.prognosen.blatt.$get({ query: { jahr: '2026', sozialraum: 'schweich' } });
    expect(r.status).toBe(200);
    const b = (await r.json()) as {
      letzterIstMonat: number;
      monate: Array<{
        topf: string;
        monat: number;
        ist: string | null;
        automatisch: string | null;
        prognose: string | null;
      }>;
    };
    expect(b.letzterIstMonat).toBe(10);
    expect(b.monate).toHaveLength(36);
    expect(b.monate.filter((m) => m.monat <= 10).every((m) => m.ist !== null && m.automatisch === null)).toBe(true);
    expect(b.monate.filter((m) => m.monat > 10).every((m) => m.ist === null && Number(m.automatisch) > 0)).toBe(true);
  });

  it('verweigert einen fremden Sozialraum', async () => {
    expect((await asd.api.v1.prognosen.blatt.$get({ query: { jahr: '2026', sozialraum: 'konz' } })).status).toBe(403);
  });
});

describe('Zellformeln SRB.*', () => {
  it('schickt alle Aufrufe einer Neuberechnung als eine Anfrage und zeigt Excel-Fehler', async () => {
    const ereignisse = new EventTarget();
    const stapel = verbindeFormeln(jugendamt, ereignisse);
    const zellen = ['konz', 'schweich', 'hermeskeil', 'saarburg'].flatMap((sr) =>
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => host.rufe('IST', [sr, 2026, m, null])),
    );
    const falsch = host.rufe('ABWEICHUNG', ['konz', 2026, 7, null]);
    await bis(() => zellen.every((z) => z.ergebnisse.length > 0) && falsch.ergebnisse.length > 0);
    expect(stapel.anfragen).toBe(1);
    expect(zellen.every((z) => typeof z.ergebnisse[0] === 'number')).toBe(true);
    expect(falsch.ergebnisse[0]).toMatchObject({ code: '#VALUE!' });
    // The same cell again comes from the cache.
    const nochmal = host.rufe('IST', ['konz', 2026, 9, null]);
    expect(nochmal.ergebnisse).toEqual([zellen[8]!.ergebnisse[0]]);
    expect(stapel.anfragen).toBe(1);
  });

  it('aktualisiert Zellen von selbst, wenn die API eine Änderung meldet, und fragt sonst nur nach dem ETag', async () => {
    const ereignisse = new EventTarget();
    const stapel = verbindeFormeln(jugendamt, ereignisse);
    const zelle = host.rufe('PROGNOSE', ['hermeskeil', 2026, 12, 'asd']);
    await bis(() => zelle.ergebnisse.length > 0);
    ereignisse.dispatchEvent(new Event('aenderung'));
    await bis(() => stapel.anfragen === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(zelle.ergebnisse).toHaveLength(1); // 304: nothing changed for this cell
    const r = await jugendamt.api.v1.prognosen.$post({
      json: {
        jahr: 2026,
        sozialraum: 'hermeskeil',
        basisVersion: null,
        kommentar: 'Test',
        werte: [{ topf: 'asd', monat: 12, betrag: '12345.67' }],
      },
    });
    expect(r.status).toBe(201);
    ereignisse.dispatchEvent(new Event('aenderung'));
    await bis(() => zelle.ergebnisse.length > 1);
    expect(zelle.ergebnisse.at(-1)).toBe(12345.67);
  });

  it('fragt ältere Zellen neu, sobald eine Antwort neuere Zahlen zeigt, auch bevor das Änderungsereignis ankommt', async () => {
    let stand = 1;
    const stapel = new Formelstapel<string>(
      async (aufrufe) => ({ ergebnisse: aufrufe.map(() => ({ wert: stand })), etag: `"${stand}"` }),
      (e) => e.meldung,
      1,
    );
    const alt: unknown[] = [];
    stapel.abonniere({ funktion: 'IST', argumente: ['konz', 2026, 9] }, { setResult: (w) => alt.push(w) });
    await bis(() => alt.length === 1);
    stand = 2;
    const neu: unknown[] = [];
    stapel.abonniere({ funktion: 'IST', argumente: ['saarburg', 2026, 9] }, { setResult: (w) => neu.push(w) });
    await bis(() => alt.length === 2);
    expect([alt, neu]).toEqual([[1, 2], [2]]);
  });

  it('zeigt nach dem Abmelden #NV und nach der Anmeldung eines anderen dessen Zahlen, ohne Neuberechnung', async () => {
    verbindeFormeln(jugendamt, new EventTarget());
    const zelle = host.rufe('FINANZVOLUMEN', ['saarburg', 2026, null]);
    await bis(() => zelle.ergebnisse.length > 0);
    expect(typeof zelle.ergebnisse[0]).toBe('number');
    trenneFormeln();
    expect(zelle.ergebnisse.at(-1)).toMatchObject({ code: '#N/A' });
    const fremd = host.rufe('FINANZVOLUMEN', ['konz', 2026, null]);
    expect(fremd.ergebnisse.at(-1)).toMatchObject({ code: '#N/A' });
    const stapel = verbindeFormeln(asd, new EventTarget()); // the ASD of Saarburg: Konz is not theirs
    await bis(() => stapel.anfragen > 0 && fremd.ergebnisse.length > 1 && zelle.ergebnisse.length > 2);
    expect(zelle.ergebnisse.at(-1)).toBe(zelle.ergebnisse[0]);
    expect(fremd.ergebnisse.at(-1)).toMatchObject({ code: '#N/A' });
  });
});
