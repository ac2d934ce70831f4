// Herkunft against the real server on the demo county: for every figure kind the rows behind a figure add
// up to exactly the figure the figure's own endpoint serves, in each role's scope; a Träger sees other
// Träger only as one line; a corrected delivery leaves its predecessors in the history; the original file
// of a load comes back byte for byte, its named line holding the row, for the youth office only, audited.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoServer, demoTokens } from './api-helfer.ts';
import { KOPF_LEISTUNGEN } from './helfer.ts';
import { FACH_HERKUNFT_SPALTEN } from '../warehouse/index.ts';

let s: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;

interface Herkunft {
  wert: string | null;
  summe: string | null;
  stimmt: boolean;
  anzahl: number;
  zeilen: Array<
    Record<string, unknown> & {
      ladung_id: number;
      zeile: number;
      datei: string;
      traeger: string | null;
      betrag: string | null;
    }
  >;
  andere: { zeilen: number; summe: string } | null;
  dateien: Array<{
    ladung_id: number;
    dateiname: string;
    absender: string;
    benutzer: string | null;
    datei_vorhanden: boolean;
  }>;
  historie?: Array<{ ladung_id: number; ersetzt_durch: number; ersetzt_durch_datei: string; zeile: number }>;
}

async function hole<T>(wer: string, pfad: string): Promise<{ status: number; body: T }> {
  const r = await fetch(`${s.server.url}/api/v1${pfad}`, { headers: { authorization: `Bearer ${token[wer]}` } });
  return { status: r.status, body: (await r.json()) as T };
}
const zeilenVon = async <T>(wer: string, pfad: string) => (await hole<{ zeilen: T[] }>(wer, pfad)).body.zeilen;

async function herkunft(wer: string, abfrage: Record<string, string | number>): Promise<Herkunft> {
  const r = await hole<Herkunft>(
    wer,
    `/herkunft?${new URLSearchParams(Object.entries(abfrage).map(([k, v]) => [k, String(v)]))}`,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** The trace of one figure: its value is the figure served, the rows add up to it exactly. */
async function pruefeSumme(
  wer: string,
  abfrage: Record<string, string | number>,
  figur: string | null,
): Promise<Herkunft> {
  const h = await herkunft(wer, abfrage);
  expect({ wert: h.wert, summe: h.summe, stimmt: h.stimmt }, JSON.stringify(abfrage)).toEqual({
    wert: figur,
    summe: figur,
    stimmt: true,
  });
  return h;
}

beforeAll(async () => {
  s = await demoServer();
  token = await demoTokens(s.server.url, 'jugendamt', 'awo', 'asd', 'analyst');
}, 180_000);
afterAll(async () => {
  await s.weg();
});

describe('Herkunft: die Summe der Zeilen ist die Zahl', () => {
  it('abweichung: ist_bis_stichtag jedes Sozialraums und Topfs (Jugendamt)', async () => {
    const zeilen = await zeilenVon<{ sozialraum: string; topf: string; ist_bis_stichtag: string }>(
      'jugendamt',
      '/abweichung?jahr=2026&quartal=3',
    );
    expect(zeilen.length).toBe(16);
    for (const z of zeilen)
      await pruefeSumme(
        'jugendamt',
        { kennzahl: 'abweichung', jahr: 2026, quartal: 3, sozialraum: z.sozialraum, topf: z.topf, pro_seite: 1 },
        z.ist_bis_stichtag,
      );
  }, 120_000);

  it('verbrauch: jede Zelle Monat × Topf, und Zellen nach Hilfeart samt leerer Hilfeart', async () => {
    const zellen = await zeilenVon<{ monat: number; topf: string; betrag: string }>(
      'jugendamt',
      '/verbrauch?jahr=2026&gruppe=monat,topf',
    );
    expect(zellen.length).toBeGreaterThan(20);
    for (const z of zellen)
      await pruefeSumme(
        'jugendamt',
        { kennzahl: 'verbrauch', jahr: 2026, monat: z.monat, topf: z.topf, pro_seite: 1 },
        z.betrag,
      );
    const nachHilfeart = await zeilenVon<{ hilfeart: string | null; betrag: string }>(
      'jugendamt',
      '/verbrauch?jahr=2026&bis=6&sozialraum=schweich&gruppe=hilfeart',
    );
    expect(nachHilfeart.some((z) => z.hilfeart === null)).toBe(true);
    for (const z of nachHilfeart) {
      await pruefeSumme(
        'jugendamt',
        { kennzahl: 'verbrauch', jahr: 2026, bis: 6, sozialraum: 'schweich', hilfeart: z.hilfeart ?? '', pro_seite: 1 },
        z.betrag,
      );
    }
  }, 180_000);

  it('jahresabrechnung: personalkosten_ist je Träger und gesamt', async () => {
    const zeilen = await zeilenVon<{ sozialraum: string; traeger: string; personalkosten_ist: string }>(
      'jugendamt',
      '/jahresabrechnung?jahr=2025',
    );
    expect(zeilen.some((z) => z.traeger === 'gesamt')).toBe(true);
    for (const z of zeilen)
      await pruefeSumme(
        'jugendamt',
        { kennzahl: 'jahresabrechnung', jahr: 2025, sozialraum: z.sozialraum, traeger: z.traeger, pro_seite: 1 },
        z.personalkosten_ist,
      );
  }, 120_000);

  it('finanzvolumen: ein geliefertes Gesamtfinanzvolumen ist seine Budgetzeile; ein fortgeschriebenes sagt es', async () => {
    const zeilen = await zeilenVon<{
      jahr: number;
      sozialraum: string;
      gesamtfinanzvolumen: string;
      fortgeschrieben: boolean;
    }>('jugendamt', '/finanzvolumen');
    const geliefert = zeilen.filter((z) => !z.fortgeschrieben);
    expect(geliefert.length).toBeGreaterThan(0);
    for (const z of geliefert) {
      const h = await pruefeSumme(
        'jugendamt',
        { kennzahl: 'finanzvolumen', jahr: z.jahr, sozialraum: z.sozialraum },
        z.gesamtfinanzvolumen,
      );
      expect(h.zeilen).toMatchObject([{ quelle: 'budget', absender: 'jugendamt', zeile: expect.any(Number) }]);
    }
    const fort = zeilen.find((z) => z.fortgeschrieben);
    if (fort) {
      const h = await herkunft('jugendamt', {
        kennzahl: 'finanzvolumen',
        jahr: fort.jahr,
        sozialraum: fort.sozialraum,
      });
      expect(h).toMatchObject({
        wert: fort.gesamtfinanzvolumen,
        stimmt: false,
        hinweis: expect.stringContaining('fortgeschrieben'),
      });
    }
  }, 120_000);
});

describe('Herkunft im Bereich der Rolle', () => {
  it('ein Träger sieht bei einer Summe des Sozialraums seine Zeilen einzeln, die anderen als eine Zeile; die Summe ist die Zahl', async () => {
    const [gesamt] = (
      await zeilenVon<{ topf: string; ist_bis_stichtag: string }>(
        'awo',
        '/abweichung?jahr=2026&quartal=3&sozialraum=konz',
      )
    ).filter((z) => z.topf === 'gesamt');
    const h = await pruefeSumme(
      'awo',
      { kennzahl: 'abweichung', jahr: 2026, quartal: 3, sozialraum: 'konz', topf: 'gesamt', pro_seite: 1000 },
      gesamt!.ist_bis_stichtag,
    );
    expect(h.zeilen.length).toBeGreaterThan(0);
    expect(h.zeilen.every((z) => z.traeger === 'awo-trier-saarburg')).toBe(true);
    expect(h.andere).toMatchObject({ zeilen: expect.any(Number), summe: expect.any(String) });
    expect(h.andere!.zeilen).toBeGreaterThan(0);
    expect(h.dateien.every((d) => d.absender === 'traeger:awo-trier-saarburg')).toBe(true);
    // Nothing of a case: no case number, contract or staff pseudonym in the answer.
    expect(JSON.stringify(h)).not.toMatch(/"(fall|kontrakt|mitarbeiter)"/);
  });

  it('der Verbrauch eines Trägers sind nur seine Zeilen; eine Abrechnungszeile gesamt gibt es für ihn nicht', async () => {
    const zellen = await zeilenVon<{ monat: number; topf: string; betrag: string }>(
      'awo',
      '/verbrauch?jahr=2026&bis=3&gruppe=monat,topf',
    );
    for (const z of zellen) {
      const h = await pruefeSumme(
        'awo',
        { kennzahl: 'verbrauch', jahr: 2026, bis: 3, monat: z.monat, topf: z.topf, pro_seite: 1000 },
        z.betrag,
      );
      expect(h.andere).toBeNull();
      expect(h.zeilen.every((r) => r.traeger === 'awo-trier-saarburg')).toBe(true);
    }
    const [eigen] = await zeilenVon<{ sozialraum: string; traeger: string; personalkosten_ist: string }>(
      'awo',
      '/jahresabrechnung?jahr=2025',
    );
    await pruefeSumme(
      'awo',
      { kennzahl: 'jahresabrechnung', jahr: 2025, sozialraum: eigen!.sozialraum, traeger: eigen!.traeger },
      eigen!.personalkosten_ist,
    );
    expect(
      (await hole('awo', '/herkunft?kennzahl=jahresabrechnung&jahr=2025&sozialraum=konz&traeger=gesamt')).status,
    ).toBe(404);
  }, 120_000);

  it('ASD und Analyse: derselbe Bereich wie die Zahl; außerhalb 403, falsche Angaben 400 mit deutscher Meldung', async () => {
    const [z] = (
      await zeilenVon<{ topf: string; ist_bis_stichtag: string }>(
        'asd',
        '/abweichung?jahr=2026&quartal=3&sozialraum=saarburg',
      )
    ).filter((x) => x.topf === 'variabel');
    await pruefeSumme(
      'asd',
      { kennzahl: 'abweichung', jahr: 2026, quartal: 3, sozialraum: 'saarburg', topf: 'variabel' },
      z!.ist_bis_stichtag,
    );
    expect(
      (await hole('asd', '/herkunft?kennzahl=abweichung&jahr=2026&quartal=3&sozialraum=konz&topf=variabel')).status,
    ).toBe(403);
    const [a] = (
      await zeilenVon<{ topf: string; ist_bis_stichtag: string }>(
        'analyst',
        '/abweichung?jahr=2026&quartal=3&sozialraum=konz',
      )
    ).filter((x) => x.topf === 'asd');
    await pruefeSumme(
      'analyst',
      { kennzahl: 'abweichung', jahr: 2026, quartal: 3, sozialraum: 'konz', topf: 'asd' },
      a!.ist_bis_stichtag,
    );
    const falsch = await hole<{ fehler: { meldung: string } }>('jugendamt', '/herkunft?kennzahl=abweichung&jahr=2026');
    expect(falsch.status).toBe(400);
    expect(falsch.body.fehler.meldung).toContain('fehlt: quartal, sozialraum, topf');
    expect((await hole('jugendamt', '/herkunft?kennzahl=kassenbestand&jahr=2026')).status).toBe(400);
    // A coordinate the figure does not have, or a misspelt one, would trace a larger figure: refused, named.
    const fremd = await hole<{ fehler: { meldung: string } }>(
      'jugendamt',
      '/herkunft?kennzahl=finanzvolumen&jahr=2026&sozialraum=konz&topf=variabel',
    );
    expect(fremd.status).toBe(400);
    expect(fremd.body.fehler.meldung).toContain(
      'Die Zahl finanzvolumen hat die Angabe topf nicht (möglich: sozialraum)',
    );
    const vertippt = await hole<{ fehler: { meldung: string } }>(
      'jugendamt',
      '/herkunft?kennzahl=verbrauch&jahr=2026&sozialrum=konz',
    );
    expect(vertippt.status).toBe(400);
    expect(vertippt.body.fehler.meldung).toContain('unbekannte Angabe „sozialrum“');
  });
});

describe('Historie und Originaldatei', () => {
  it('eine korrigierte Lieferung: die ersetzten Zeilen stehen mit der ersetzenden Ladung in der Historie, die Summe stimmt weiter', async () => {
    const vorher = await herkunft('jugendamt', {
      kennzahl: 'verbrauch',
      jahr: 2026,
      monat: 2,
      sozialraum: 'konz',
      traeger: 'awo-trier-saarburg',
      pro_seite: 1000,
    });
    expect(vorher.anzahl).toBeGreaterThan(1);
    const form = new FormData();
    form.append(
      'datei',
      new Blob([`${KOPF_LEISTUNGEN}\nawo-trier-saarburg;konz;;;;fallunspezifisch;16.02.2026;3,50;MA-KO-001;ja\n`]),
      'leistungen_awo_2026-02_korrektur.csv',
    );
    const r = await fetch(`${s.server.url}/api/v1/importe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.jugendamt}` },
      body: form,
    });
    const [ladung] = ((await r.json()) as { ergebnisse: Array<{ ladungId: number; ersetzt: number }> }).ergebnisse;
    expect(r.status).toBe(201);
    expect(ladung!.ersetzt).toBe(vorher.anzahl);

    const zellen = await zeilenVon<{ monat: number; traeger: string; betrag: string }>(
      'jugendamt',
      '/verbrauch?jahr=2026&bis=2&sozialraum=konz&gruppe=monat,traeger',
    );
    const zelle = zellen.find((z) => z.monat === 2 && z.traeger === 'awo-trier-saarburg');
    const nachher = await pruefeSumme(
      'jugendamt',
      { kennzahl: 'verbrauch', jahr: 2026, monat: 2, sozialraum: 'konz', traeger: 'awo-trier-saarburg', historie: 1 },
      zelle!.betrag,
    );
    expect(nachher.zeilen).toMatchObject([
      { ladung_id: ladung!.ladungId, zeile: 2, datei: 'leistungen_awo_2026-02_korrektur.csv', stunden: '3.50' },
    ]);
    expect(nachher.historie!.length).toBe(vorher.anzahl);
    expect(
      nachher.historie!.every(
        (z) => z.ersetzt_durch === ladung!.ladungId && z.ersetzt_durch_datei === 'leistungen_awo_2026-02_korrektur.csv',
      ),
    ).toBe(true);
    expect(nachher.historie!.map((z) => `${z.ladung_id}:${z.zeile}`).sort()).toEqual(
      vorher.zeilen.map((z) => `${z.ladung_id}:${z.zeile}`).sort(),
    );
    expect(nachher.dateien.map((d) => d.ladung_id)).toContain(ladung!.ladungId);
  });

  it('die Originaldatei einer Ladung: Byte für Byte, in der genannten Zeile steht die Buchung; nur das Jugendamt, protokolliert', async () => {
    const h = await herkunft('jugendamt', {
      kennzahl: 'abweichung',
      jahr: 2026,
      quartal: 3,
      sozialraum: 'schweich',
      topf: 'variabel',
      pro_seite: 5,
    });
    const z = h.zeilen.find((x) => x.quelle === 'leistung')!;
    const r = await fetch(`${s.server.url}/api/v1/ladungen/${z.ladung_id}/datei`, {
      headers: { authorization: `Bearer ${token.jugendamt}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(z.datei);
    const inhalt = Buffer.from(await r.arrayBuffer());
    expect(inhalt.equals(readFileSync(join(inject('demoExporte'), z.datei)))).toBe(true);
    const zeile = inhalt.toString('utf8').split(/\r?\n/)[z.zeile - 1]!;
    const [j, m, t] = String(z.datum).split('-');
    expect(zeile).toContain(`${t}.${m}.${j}`);
    expect(zeile).toContain(String(z.stunden).replace('.', ','));
    for (const wer of ['awo', 'asd', 'analyst']) {
      expect(
        (
          await fetch(`${s.server.url}/api/v1/ladungen/${z.ladung_id}/datei`, {
            headers: { authorization: `Bearer ${token[wer]}` },
          })
        ).status,
      ).toBe(403);
    }
    expect((await hole('jugendamt', '/ladungen/999999/datei')).status).toBe(404);
    const audit = await s.server.dienste.leser.abfrage(
      `SELECT benutzer, aktion, objekt FROM audit WHERE aktion IN ('ladungsdatei', 'herkunft') ORDER BY audit_id`,
    );
    expect(audit).toContainEqual({ benutzer: 'jugendamt', aktion: 'ladungsdatei', objekt: z.datei });
    expect(audit).toContainEqual({ benutzer: 'awo-konz', aktion: 'herkunft', objekt: 'abweichung' });
    // The load log names the kept file relative to the warehouse's folder: this server's warehouse is a
    // copy, moved with its ladungen/ into another folder (test/helfer.ts kopiereDemo), and still finds it.
    const [l] = await s.server.dienste.leser.abfrage('SELECT ablage FROM ladung WHERE ladung_id = $l', {
      l: z.ladung_id,
    });
    expect(String(l!.ablage)).toMatch(/^ladungen\/[0-9a-f]{64}\.csv$/);
    // An entry that names anything but a kept file (a crafted backup restored): nothing handed out (attack review).
    await s.server.dienste.schreiber.ausfuehren(
      `UPDATE ladung SET ablage = '../../../../../../etc/passwd' WHERE ladung_id = $l`,
      {
        l: z.ladung_id,
      },
    );
    expect((await hole('jugendamt', `/ladungen/${z.ladung_id}/datei`)).status).toBe(404);
    await s.server.dienste.schreiber.ausfuehren(`UPDATE ladung SET ablage = $a WHERE ladung_id = $l`, {
      a: String(l!.ablage),
      l: z.ladung_id,
    });
  });
});

describe('Herkunft der Fachcontrolling-Zahlen: die gezählten Kontraktzeilen', () => {
  // the counts the API traces, as the warehouse declares them
  const SPALTEN = FACH_HERKUNFT_SPALTEN;
  type Fachzeile = Record<(typeof SPALTEN)[number], number | string> & {
    sozialraum: string;
    hilfeart: string;
    unterdrueckt?: string;
  };
  interface FachHerkunft {
    wert: number;
    summe: number;
    stimmt: boolean;
    anzahl: number;
    zeilen: Array<{
      ladung_id: number;
      datei: string;
      zeile: number;
      sozialraum: string;
      hilfeart: string;
      traeger: string | null;
    }>;
    andere: { zeilen: number | string; text: string } | null;
    dateien: Array<{ absender: string }>;
  }
  const frage = (o: Record<string, string | number>) =>
    `/herkunft?${new URLSearchParams(Object.entries({ kennzahl: 'fachcontrolling', ...o }).map(([k, v]) => [k, String(v)]))}`;

  /** The trace of one cell for the youth office: every counted row one by one, as many as the cell says. */
  async function pruefeZelle(zeitraum: Record<string, number>, z: Fachzeile, spalte: (typeof SPALTEN)[number]) {
    const r = await hole<FachHerkunft>(
      'jugendamt',
      frage({ ...zeitraum, sozialraum: z.sozialraum, hilfeart: z.hilfeart, spalte, pro_seite: 1000 }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const wo = `${spalte} ${z.sozialraum} ${z.hilfeart} ${JSON.stringify(zeitraum)}`;
    expect({ wert: r.body.wert, summe: r.body.summe, stimmt: r.body.stimmt }, wo).toEqual({
      wert: z[spalte],
      summe: z[spalte],
      stimmt: true,
    });
    expect(r.body.anzahl, wo).toBe(z[spalte]);
    expect(r.body.zeilen.length, wo).toBe(z[spalte]);
    expect(r.body.andere, wo).toBeNull();
    if (z.hilfeart !== 'gesamt')
      expect(
        r.body.zeilen.every((x) => x.hilfeart === z.hilfeart),
        wo,
      ).toBe(true);
    if (z.sozialraum !== 'gesamt')
      expect(
        r.body.zeilen.every((x) => x.sozialraum === z.sozialraum),
        wo,
      ).toBe(true);
    expect(
      r.body.dateien.every((d) => d.absender === 'jugendamt'),
      wo,
    ).toBe(true);
  }

  it('Jugendamt: jede nachverfolgte Spalte, Sozialraum und Landkreis, Hilfeart und gesamt, Quartal und Jahr; Anzahl = Zelle, genau', async () => {
    for (const zeitraum of [{ jahr: 2026, quartal: 3 }, { jahr: 2025 }] as Array<Record<string, number>>) {
      const q = new URLSearchParams(Object.entries(zeitraum).map(([k, v]) => [k, String(v)]));
      const zeilen = await zeilenVon<Fachzeile>('jugendamt', `/fachcontrolling?${q}`);
      const konz = zeilen.filter((z) => z.sozialraum === 'konz' && z.hilfeart !== 'gesamt');
      const groesste = konz.reduce((x, y) => (Number(y.faelle) > Number(x.faelle) ? y : x));
      const zellen = [
        zeilen.find((z) => z.sozialraum === 'gesamt' && z.hilfeart === 'gesamt')!,
        zeilen.find((z) => z.sozialraum === 'gesamt' && z.hilfeart === groesste.hilfeart)!,
        zeilen.find((z) => z.sozialraum === 'konz' && z.hilfeart === 'gesamt')!,
        groesste,
      ];
      for (const z of zellen) for (const spalte of SPALTEN) await pruefeZelle(zeitraum, z, spalte);
      // Cases are distinct: one row per case in every Hilfeart of the Sozialraum.
      for (const z of konz) await pruefeZelle(zeitraum, z, 'faelle');
    }
  }, 600_000);

  it('die genannte Zeile der Kontraktliste ist ein Kontrakt des Jugendamts mit dieser Hilfeart; kein Fall, kein Kontrakt in der Antwort', async () => {
    const h = (
      await hole<FachHerkunft>(
        'jugendamt',
        frage({ jahr: 2026, quartal: 3, sozialraum: 'konz', hilfeart: 'gesamt', spalte: 'faelle', pro_seite: 3 }),
      )
    ).body;
    const z = h.zeilen[0]!;
    const datei = readFileSync(join(inject('demoExporte'), z.datei), 'utf8').split(/\r?\n/);
    expect(datei[z.zeile - 1]).toMatch(/jugendamt/i);
    expect(datei[z.zeile - 1]).toContain(z.hilfeart.replace('§', ''));
    expect(JSON.stringify(h)).not.toMatch(/"(fall|kontrakt|mitarbeiter|asd_zeichnung|wohnort_ags)"/);
  });

  it('Träger: eine verdeckte Zelle ist nicht nachverfolgbar (403); sonst eigene Zeilen einzeln, die anderen als eine Zeile, nie unter 3', async () => {
    const zeilen = await zeilenVon<Fachzeile>('awo', '/fachcontrolling?jahr=2026&quartal=3&sozialraum=konz');
    const genau = await zeilenVon<Fachzeile>('jugendamt', '/fachcontrolling?jahr=2026&quartal=3&sozialraum=konz');
    let verdeckt = 0;
    let gezeigt = 0;
    for (const spalte of SPALTEN) {
      const istVerdeckt = (z: Fachzeile) => (z.unterdrueckt ?? '').split(', ').includes(spalte);
      const auswahl = [...zeilen.filter(istVerdeckt).slice(0, 1), ...zeilen.filter((z) => !istVerdeckt(z)).slice(0, 2)];
      for (const z of auswahl) {
        const r = await hole<FachHerkunft & { fehler: { meldung: string } }>(
          'awo',
          frage({ jahr: 2026, quartal: 3, sozialraum: 'konz', hilfeart: z.hilfeart, spalte, pro_seite: 1000 }),
        );
        if ((z.unterdrueckt ?? '').split(', ').includes(spalte)) {
          verdeckt++;
          expect(r.status, `${spalte} ${z.hilfeart}`).toBe(403);
          expect(r.body.fehler.meldung).toContain('Schutz kleiner Fallzahlen');
          continue;
        }
        gezeigt++;
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect({ wert: r.body.wert, summe: r.body.summe, stimmt: r.body.stimmt }).toEqual({
          wert: z[spalte],
          summe: z[spalte],
          stimmt: true,
        });
        expect(r.body.zeilen.every((x) => x.traeger === 'awo-trier-saarburg')).toBe(true);
        const andere = Number(z[spalte]) - r.body.anzahl;
        expect(r.body.andere).toEqual(
          andere === 0 ? null : { zeilen: andere < 3 ? '<3' : andere, text: 'andere Träger' },
        );
        // the exact cell of the youth office is the same count
        expect(genau.find((g) => g.hilfeart === z.hilfeart)![spalte]).toBe(z[spalte]);
      }
    }
    expect(verdeckt).toBeGreaterThan(0);
    expect(gezeigt).toBeGreaterThan(0);
    const h = (
      await hole<FachHerkunft>(
        'awo',
        frage({ jahr: 2026, quartal: 3, sozialraum: 'konz', hilfeart: 'gesamt', spalte: 'faelle' }),
      )
    ).body;
    expect(h.anzahl).toBeGreaterThan(0);
    expect(h.andere).toMatchObject({ text: 'andere Träger' });
    // no line numbers: the gaps between its own lines in the youth office's file would count the others' contracts
    expect(h.zeilen.map((x) => x.zeile)).toEqual(h.zeilen.map(() => null));
    // outside its Sozialräume, and the county, it has no figures
    expect(
      (await hole('awo', frage({ jahr: 2026, quartal: 3, sozialraum: 'schweich', spalte: 'faelle' }))).status,
    ).toBe(403);
    expect((await hole('awo', frage({ jahr: 2026, quartal: 3, sozialraum: 'gesamt', spalte: 'faelle' }))).status).toBe(
      403,
    );
  }, 300_000);

  it('ASD und Analyse: gezeigte Zellen nur als Anzahl ohne Einzelheiten, verdeckte 403', async () => {
    for (const [wer, sozialraum] of [
      ['asd', 'saarburg'],
      ['analyst', 'konz'],
    ] as const) {
      const zeilen = await zeilenVon<Fachzeile>(wer, `/fachcontrolling?jahr=2026&quartal=3&sozialraum=${sozialraum}`);
      const offen = zeilen.find((z) => z.hilfeart === 'gesamt')!;
      const h = await hole<FachHerkunft>(
        wer,
        frage({ jahr: 2026, quartal: 3, sozialraum, hilfeart: 'gesamt', spalte: 'faelle' }),
      );
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({ wert: offen.faelle, summe: offen.faelle, stimmt: true, anzahl: 0, zeilen: [] });
      expect(h.body.andere).toEqual({ zeilen: offen.faelle, text: 'ohne Einzelheiten (Schutz kleiner Fallzahlen)' });
      const zu = zeilen.find((z) => (z.unterdrueckt ?? '') !== '')!;
      const spalte = zu.unterdrueckt!.split(', ').find((s) => (SPALTEN as readonly string[]).includes(s))!;
      expect(
        (await hole(wer, frage({ jahr: 2026, quartal: 3, sozialraum, hilfeart: zu.hilfeart, spalte }))).status,
      ).toBe(403);
    }
  });

  it('falsche Angaben: 400 mit deutscher Meldung', async () => {
    const fehlt = await hole<{ fehler: { meldung: string } }>('jugendamt', frage({ jahr: 2026, sozialraum: 'konz' }));
    expect(fehlt.status).toBe(400);
    expect(fehlt.body.fehler.meldung).toContain('fehlt: spalte');
    const fremd = await hole<{ fehler: { meldung: string } }>(
      'jugendamt',
      frage({ jahr: 2026, quartal: 3, sozialraum: 'konz', spalte: 'faelle', topf: 'variabel' }),
    );
    expect(fremd.status).toBe(400);
    expect(fremd.body.fehler.meldung).toContain('die Angabe topf nicht');
    expect((await hole('jugendamt', frage({ jahr: 2026, sozialraum: 'konz', spalte: 'eckwert' }))).status).toBe(400);
    const hilfeart = await hole<{ fehler: { meldung: string } }>(
      'jugendamt',
      frage({ jahr: 2026, quartal: 3, sozialraum: 'konz', spalte: 'faelle', hilfeart: 'Heim' }),
    );
    expect(hilfeart.status).toBe(400);
    expect(hilfeart.body.fehler.meldung).toContain('Hilfeart „Heim“ nicht verstanden');
    const spalte = await hole<{ fehler: { meldung: string } }>(
      'jugendamt',
      '/herkunft?kennzahl=finanzvolumen&jahr=2026&sozialraum=konz&spalte=faelle',
    );
    expect(spalte.status).toBe(400);
    expect(spalte.body.fehler.meldung).toContain('nur fachcontrolling');
  });
});
