// The access matrix: every role × every route of /openapi.json × a Sozialraum inside and outside the
// role's scope, reads and writes, against the real server. A route without an entry fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, demoTokens } from './api-helfer.ts';
import { KOPF_LEISTUNGEN } from './helfer.ts';

type Rolle = 'jugendamt' | 'awo' | 'asd' | 'analyst' | 'admin' | 'anonym';
const ROLLEN: Rolle[] = ['jugendamt', 'awo', 'asd', 'analyst', 'admin', 'anonym'];

/** The role's own Sozialraum and one outside its scope (the county's roles see both). */
const SOZIALRAUM: Record<Rolle, [innen: string, aussen: string]> = {
  jugendamt: ['konz', 'saarburg'],
  awo: ['konz', 'saarburg'],
  asd: ['saarburg', 'konz'],
  analyst: ['konz', 'saarburg'],
  admin: ['konz', 'saarburg'],
  anonym: ['konz', 'saarburg'],
};
/** Which rows each role may get back: Sozialräume and, for a Träger, its own Träger. */
const BEREICH: Record<Rolle, { sozialraeume: string[]; traeger?: string }> = {
  jugendamt: { sozialraeume: ['konz', 'schweich', 'hermeskeil', 'saarburg'] },
  analyst: { sozialraeume: ['konz', 'schweich', 'hermeskeil', 'saarburg'] },
  admin: { sozialraeume: ['konz', 'schweich', 'hermeskeil', 'saarburg'] },
  awo: { sozialraeume: ['konz'], traeger: 'awo-trier-saarburg' },
  asd: { sozialraeume: ['saarburg'] },
  anonym: { sozialraeume: [] },
};
const ZUGANG: Record<Exclude<Rolle, 'anonym'>, [string, string]> = {
  jugendamt: ['jugendamt', 'demo-jugendamt'],
  awo: ['awo-konz', 'demo-awo-konz'],
  asd: ['asd-saarburg', 'demo-asd-saarburg'],
  analyst: ['analyst', 'demo-analyst'],
  admin: ['admin', 'demo-admin-1'],
};

interface Anfrage {
  pfad: string;
  methode?: string;
  json?: unknown;
  form?: FormData;
  ohneToken?: boolean;
}

let s: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;
let hochgeladen = 0;

const leistungen = (sr: string) => {
  const form = new FormData();
  // A row of next year: nothing of the demo county is replaced, no month of 2026 closes; each upload differs.
  form.append(
    'datei',
    new Blob([
      `${KOPF_LEISTUNGEN}\nawo-trier-saarburg;${sr};;;;fallunspezifisch;15.01.2027;1,${String(++hochgeladen).padStart(2, '0')};MA-KO-001;ja\n`,
    ]),
    `matrix-${sr}.csv`,
  );
  return form;
};

async function basisVersion(sr: string): Promise<number | null> {
  const r = await fetch(`${s.server.url}/api/v1/prognosen?jahr=2026&sozialraum=${sr}`, {
    headers: { authorization: `Bearer ${token.jugendamt}` },
  });
  return ((await r.json()) as { version: { version_id: number } | null }).version?.version_id ?? null;
}

/**
 * Per route (as /openapi.json names it): the request for a Sozialraum, and the expected status per role
 * for [its own Sozialraum, one outside its scope]. One table, so a new route needs an entry here.
 */
const MATRIX: Record<
  string,
  { anfrage: (sr: string, rolle: Rolle) => Promise<Anfrage> | Anfrage; erwartet: Record<Rolle, [number, number]> }
> = {
  'POST /auth/token': {
    anfrage: (_sr, rolle) => ({
      pfad: '/auth/token',
      methode: 'POST',
      ohneToken: true,
      json:
        rolle === 'anonym'
          ? { benutzer: 'niemand', passwort: 'falsch' }
          : { benutzer: ZUGANG[rolle][0], passwort: ZUGANG[rolle][1] },
    }),
    erwartet: {
      jugendamt: [200, 200],
      awo: [200, 200],
      asd: [200, 200],
      analyst: [200, 200],
      admin: [200, 200],
      anonym: [401, 401],
    },
  },
  'GET /health': {
    anfrage: () => ({ pfad: '/health' }),
    erwartet: {
      jugendamt: [200, 200],
      awo: [200, 200],
      asd: [200, 200],
      analyst: [200, 200],
      admin: [200, 200],
      anonym: [200, 200],
    },
  },
  'GET /ereignisse': { anfrage: () => ({ pfad: '/ereignisse' }), erwartet: alleAngemeldeten(200) },
  'POST /formeln': {
    anfrage: (sr) => ({
      pfad: '/formeln',
      methode: 'POST',
      json: { aufrufe: [{ funktion: 'IST', argumente: [sr, 2026, 9, null] }] },
    }),
    erwartet: alleAngemeldeten(200),
  },
  'GET /grafiken/{datei}': {
    anfrage: (sr) => ({ pfad: `/grafiken/abweichung.svg?jahr=2026&quartal=3&sozialraum=${sr}` }),
    erwartet: imSozialraum(200),
  },
  'GET /grafiken/pakete': { anfrage: () => ({ pfad: '/grafiken/pakete' }), erwartet: nurLandkreis(200) },
  // No pack is built in this server (no --berichte): the county's roles get 404, the others may not look.
  'GET /grafiken/pakete/{quartal}/{datei}': {
    anfrage: () => ({ pfad: '/grafiken/pakete/2026-Q3/index.html' }),
    erwartet: nurLandkreis(404),
  },
  'POST /importe': {
    anfrage: (sr) => ({ pfad: '/importe', methode: 'POST', form: leistungen(sr) }),
    erwartet: {
      jugendamt: [201, 201],
      awo: [201, 422],
      asd: [403, 403],
      analyst: [403, 403],
      admin: [403, 403],
      anonym: [401, 401],
    },
  },
  'GET /finanzvolumen': { anfrage: () => ({ pfad: '/finanzvolumen?jahr=2026' }), erwartet: alleAngemeldeten(200) },
  'GET /verbrauch': {
    anfrage: (sr) => ({ pfad: `/verbrauch?jahr=2026&sozialraum=${sr}&gruppe=sozialraum,topf,traeger` }),
    erwartet: imSozialraum(200),
  },
  'GET /abweichung': {
    anfrage: (sr) => ({ pfad: `/abweichung?jahr=2026&quartal=3&sozialraum=${sr}` }),
    erwartet: imSozialraum(200),
  },
  'GET /fachcontrolling': {
    anfrage: (sr) => ({ pfad: `/fachcontrolling?jahr=2026&quartal=3&sozialraum=${sr}` }),
    erwartet: imSozialraum(200),
  },
  // The rows behind a Sozialraum's figure: a Träger sees its own in detail (checked by ausserhalb), the others as one line.
  'GET /herkunft': {
    anfrage: (sr) => ({
      pfad: `/herkunft?kennzahl=abweichung&jahr=2026&quartal=3&sozialraum=${sr}&topf=gesamt&pro_seite=50`,
    }),
    erwartet: imSozialraum(200),
  },
  'GET /ladungen/{ladung}/datei': {
    anfrage: async (sr) => {
      const h = await sende('jugendamt', {
        pfad: `/herkunft?kennzahl=abweichung&jahr=2026&quartal=3&sozialraum=${sr}&topf=variabel&pro_seite=1`,
      });
      return { pfad: `/ladungen/${(h.body as { dateien: Array<{ ladung_id: number }> }).dateien[0]!.ladung_id}/datei` };
    },
    erwartet: nurLandkreis(200, { analyst: 403 }),
  },
  'GET /kontrakte/abgleich': { anfrage: () => ({ pfad: '/kontrakte/abgleich' }), erwartet: alleAngemeldeten(200) },
  'GET /jahresabrechnung': {
    anfrage: () => ({ pfad: '/jahresabrechnung?jahr=2025' }),
    erwartet: alleAngemeldeten(200),
  },
  'GET /jahresabrechnung/befunde': {
    anfrage: () => ({ pfad: '/jahresabrechnung/befunde?jahr=2025' }),
    erwartet: alleAngemeldeten(200),
  },
  'GET /befunde': { anfrage: () => ({ pfad: '/befunde?jahr=2026' }), erwartet: alleAngemeldeten(200) },
  'POST /sicherungen': {
    anfrage: () => ({ pfad: '/sicherungen', methode: 'POST' }),
    // Betrieb only: the copy holds every user's password hash.
    erwartet: nurLandkreis(200, { jugendamt: 403, analyst: 403 }),
  },
  'GET /umschichtungen/vorschlag': {
    anfrage: () => ({ pfad: '/umschichtungen/vorschlag?jahr=2026' }),
    erwartet: alleAngemeldeten(200),
  },
  'GET /personal/pruefung': { anfrage: () => ({ pfad: '/personal/pruefung' }), erwartet: alleAngemeldeten(200) },
  'GET /prognosen/blatt': {
    anfrage: (sr) => ({ pfad: `/prognosen/blatt?jahr=2026&sozialraum=${sr}` }),
    erwartet: imSozialraum(200),
  },
  'GET /prognosen': {
    anfrage: (sr) => ({ pfad: `/prognosen?jahr=2026&sozialraum=${sr}` }),
    erwartet: imSozialraum(200),
  },
  'POST /prognosen': {
    anfrage: async (sr) => ({
      pfad: '/prognosen',
      methode: 'POST',
      json: {
        jahr: 2026,
        sozialraum: sr,
        basisVersion: await basisVersion(sr),
        kommentar: 'Matrix',
        werte: [{ topf: 'variabel', monat: 12, betrag: '1000.00' }],
      },
    }),
    erwartet: {
      jugendamt: [201, 201],
      awo: [201, 403],
      asd: [403, 403],
      analyst: [403, 403],
      admin: [403, 403],
      anonym: [401, 401],
    },
  },
  'POST /sql': {
    anfrage: () => ({ pfad: '/sql', methode: 'POST', json: { sql: 'SELECT DISTINCT sozialraum FROM verbrauch' } }),
    erwartet: alleAngemeldeten(200),
  },
  'POST /abfragen': {
    anfrage: (sr, rolle) => ({
      pfad: '/abfragen',
      methode: 'POST',
      json: {
        name: `matrix-${rolle}-${sr}`,
        sql: 'SELECT sozialraum, sum(betrag) AS betrag FROM verbrauch WHERE jahr = $jahr GROUP BY ALL',
      },
    }),
    erwartet: {
      jugendamt: [201, 201],
      awo: [403, 403],
      asd: [403, 403],
      analyst: [201, 201],
      admin: [201, 201],
      anonym: [401, 401],
    },
  },
  'GET /abfragen': { anfrage: () => ({ pfad: '/abfragen' }), erwartet: alleAngemeldeten(200) },
  'GET /abfragen/{datei}': {
    anfrage: async () => {
      await sende('jugendamt', {
        pfad: '/abfragen',
        methode: 'POST',
        json: {
          name: 'matrix-verbrauch',
          sql: 'SELECT sozialraum, traeger, sum(betrag) AS betrag FROM verbrauch WHERE jahr = $jahr GROUP BY ALL',
        },
      });
      return { pfad: '/abfragen/matrix-verbrauch.json?jahr=2026' };
    },
    erwartet: alleAngemeldeten(200),
  },
  'DELETE /abfragen/{name}': {
    anfrage: async (sr, rolle) => {
      await sende('jugendamt', {
        pfad: '/abfragen',
        methode: 'POST',
        json: { name: `matrix-weg-${rolle}-${sr}`, sql: 'SELECT 1' },
      });
      return { pfad: `/abfragen/matrix-weg-${rolle}-${sr}`, methode: 'DELETE' };
    },
    // The query is jugendamt's: besides its author only an admin deletes it (the analyst may save, not delete others').
    erwartet: {
      jugendamt: [204, 204],
      awo: [403, 403],
      asd: [403, 403],
      analyst: [403, 403],
      admin: [204, 204],
      anonym: [401, 401],
    },
  },
  'POST /schluessel': {
    anfrage: (sr) => ({ pfad: '/schluessel', methode: 'POST', json: { name: `Matrix ${sr}`, gueltigTage: 1 } }),
    erwartet: alleAngemeldeten(201),
  },
  'GET /schluessel': { anfrage: () => ({ pfad: '/schluessel' }), erwartet: alleAngemeldeten(200) },
  'DELETE /schluessel/{id}': {
    anfrage: async (sr, rolle) => {
      if (rolle === 'anonym') return { pfad: '/schluessel/srbk_0000000000000000', methode: 'DELETE' };
      const neu = await sende(rolle, { pfad: '/schluessel', methode: 'POST', json: { name: `Matrix weg ${sr}` } });
      return { pfad: `/schluessel/${(neu.body as { schluesselId: string }).schluesselId}`, methode: 'DELETE' };
    },
    erwartet: {
      jugendamt: [204, 204],
      awo: [204, 204],
      asd: [204, 204],
      analyst: [204, 204],
      admin: [204, 204],
      anonym: [401, 401],
    },
  },
  'GET /umschichtungen': { anfrage: () => ({ pfad: '/umschichtungen?jahr=2026' }), erwartet: alleAngemeldeten(200) },
  'POST /umschichtungen': {
    anfrage: (sr) => ({
      pfad: '/umschichtungen',
      methode: 'POST',
      json: {
        jahr: 2026,
        sozialraum: sr,
        topf: 'variabel',
        betrag: '0.01',
        gremium: 'Lenkungsgruppe',
        beschlussdatum: '2026-11-02',
        kommentar: 'Matrix',
        ueberschreitung_begruendung: 'Test der Zugriffsmatrix',
      },
    }),
    erwartet: {
      jugendamt: [201, 201],
      awo: [403, 403],
      asd: [403, 403],
      analyst: [403, 403],
      admin: [403, 403],
      anonym: [401, 401],
    },
  },
};

function alleAngemeldeten(status: number): Record<Rolle, [number, number]> {
  return {
    jugendamt: [status, status],
    awo: [status, status],
    asd: [status, status],
    analyst: [status, status],
    admin: [status, status],
    anonym: [401, 401],
  };
}
function imSozialraum(status: number): Record<Rolle, [number, number]> {
  return {
    jugendamt: [status, status],
    awo: [status, 403],
    asd: [status, 403],
    analyst: [status, status],
    admin: [status, status],
    anonym: [401, 401],
  };
}
function nurLandkreis(status: number, anders: Partial<Record<Rolle, number>> = {}): Record<Rolle, [number, number]> {
  const je = (r: Rolle, s: number): [number, number] => [anders[r] ?? s, anders[r] ?? s];
  return {
    jugendamt: je('jugendamt', status),
    awo: je('awo', 403),
    asd: je('asd', 403),
    analyst: je('analyst', status),
    admin: je('admin', status),
    anonym: [401, 401],
  };
}

beforeAll(async () => {
  s = await demoServer();
  token = await demoTokens(s.server.url, 'jugendamt', 'awo', 'asd', 'analyst', 'admin');
}, 180_000);
afterAll(async () => {
  await s.weg();
});

async function sende(rolle: Rolle, a: Anfrage): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (rolle !== 'anonym' && !a.ohneToken) headers.authorization = `Bearer ${token[rolle]}`;
  if (a.json !== undefined) headers['content-type'] = 'application/json';
  const abbruch = new AbortController();
  const r = await fetch(`${s.server.url}/api/v1${a.pfad}`, {
    method: a.methode ?? 'GET',
    headers,
    signal: abbruch.signal,
    body: a.form ?? (a.json === undefined ? undefined : JSON.stringify(a.json)),
  });
  if (r.headers.get('content-type')?.startsWith('text/event-stream')) {
    abbruch.abort();
    return { status: r.status, body: null };
  }
  const text = await r.text();
  return { status: r.status, body: r.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text };
}

/** Rows of an answer that lie outside the role's scope (other Sozialraum, another Träger's rows). */
function ausserhalb(rolle: Rolle, body: unknown): unknown[] {
  const zeilen = (body as { zeilen?: Array<Record<string, unknown>> } | null)?.zeilen;
  if (!Array.isArray(zeilen)) return [];
  const b = BEREICH[rolle];
  return zeilen.filter(
    (z) =>
      (typeof z.sozialraum === 'string' && !b.sozialraeume.includes(z.sozialraum)) ||
      (b.traeger !== undefined && typeof z.traeger === 'string' && z.traeger !== b.traeger),
  );
}

describe('Zugriffsmatrix', () => {
  it('hat für jede Route der API einen Eintrag', async () => {
    const doku = (await (await fetch(`${s.server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routen = Object.entries(doku.paths).flatMap(([pfad, methoden]) =>
      Object.keys(methoden).map((m) => `${m.toUpperCase()} ${pfad.replace(/^\/api\/v1/, '')}`),
    );
    expect(
      routen.filter((r) => !(r in MATRIX)),
      'Routen ohne Eintrag in der Matrix',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((r) => !routen.includes(r)),
      'Einträge ohne Route',
    ).toEqual([]);
  });

  for (const [route, eintrag] of Object.entries(MATRIX)) {
    it(`${route}: jede Rolle, im und außerhalb ihres Bereichs`, async () => {
      const ist: string[] = [];
      const soll: string[] = [];
      for (const rolle of ROLLEN) {
        for (const [i, wo] of (['innen', 'aussen'] as const).entries()) {
          const sr = SOZIALRAUM[rolle][i]!;
          const a = await sende(rolle, await eintrag.anfrage(sr, rolle));
          const erwartet = eintrag.erwartet[rolle][i]!;
          const meldung =
            a.status !== erwartet ? ` ${JSON.stringify((a.body as { fehler?: unknown } | null)?.fehler ?? '')}` : '';
          ist.push(`${rolle} ${wo} (${sr}): ${a.status}${meldung}`);
          soll.push(`${rolle} ${wo} (${sr}): ${erwartet}`);
          expect(ausserhalb(rolle, a.body), `${route} ${rolle} ${sr}`).toEqual([]);
          if (route === 'POST /formeln' && a.status === 200) {
            const [erg] = (a.body as { ergebnisse: Array<{ wert?: number; fehler?: string }> }).ergebnisse;
            const darf = rolle === 'jugendamt' || rolle === 'analyst' || rolle === 'admin' || i === 0;
            expect(erg, `${rolle} ${sr}`).toMatchObject(darf ? { wert: expect.any(Number) } : { fehler: 'nv' });
          }
        }
      }
      expect(ist).toEqual(soll);
    });
  }
});

describe('GET /herkunft?kennzahl=fachcontrolling: jede Rolle, im und außerhalb ihres Bereichs', () => {
  it('derselbe Bereich wie die Zahl; Kontraktzeilen einzeln nur dem Jugendamt-Controller und dem Träger für seine eigenen', async () => {
    const ist: string[] = [];
    const soll: string[] = [];
    for (const rolle of ROLLEN) {
      for (const [i, wo] of (['innen', 'aussen'] as const).entries()) {
        const sr = SOZIALRAUM[rolle][i]!;
        const a = await sende(rolle, {
          pfad: `/herkunft?kennzahl=fachcontrolling&spalte=faelle&jahr=2026&quartal=3&sozialraum=${sr}&hilfeart=gesamt`,
        });
        ist.push(`${rolle} ${wo} (${sr}): ${a.status}`);
        soll.push(`${rolle} ${wo} (${sr}): ${imSozialraum(200)[rolle][i]}`);
        expect(ausserhalb(rolle, a.body), `${rolle} ${sr}`).toEqual([]);
        if (a.status !== 200) continue;
        const h = a.body as { zeilen: unknown[]; anzahl: number; stimmt: boolean; andere: { text: string } | null };
        expect(h.stimmt, `${rolle} ${sr}`).toBe(true);
        if (rolle === 'jugendamt') expect(h.andere).toBeNull();
        else if (rolle !== 'awo') {
          expect(h.zeilen, `${rolle} ${sr}`).toEqual([]);
          expect(h.andere?.text).toContain('ohne Einzelheiten');
        }
      }
    }
    expect(ist).toEqual(soll);
  });
});

describe('Fachcontrolling: exakte Fallzahlen nur für den Jugendamt-Controller (§9)', () => {
  const hole = async (wer: Rolle, pfad: string, accept?: string) =>
    fetch(`${s.server.url}/api/v1${pfad}`, {
      headers: { authorization: `Bearer ${token[wer]}`, ...(accept ? { accept } : {}) },
    });
  const ANZAHLEN = [
    'faelle',
    'neue_hilfen',
    'beendete_hilfen',
    'laufende_hilfen',
    'beendet_planmaessig',
    'ziel_erreicht',
    'wiederaufnahmen',
  ];
  const kleine = (zeilen: Array<Record<string, unknown>>) =>
    zeilen.flatMap((z) =>
      ANZAHLEN.filter((a) => z[a] === 1 || z[a] === 2).map((a) => `${z.sozialraum} ${z.hilfeart} ${a}=${z[a]}`),
    );
  const verdeckte = (zeilen: Array<Record<string, unknown>>) =>
    zeilen.flatMap((z) => ANZAHLEN.filter((a) => z[a] === '<3'));

  it('zeigt dem Jugendamt-Controller exakte Anzahlen, allen anderen Rollen „<3“ mit Hinweis, jeweils in ihrem Bereich', async () => {
    for (const rolle of ['jugendamt', 'awo', 'asd', 'analyst'] as const) {
      const r = await hole(rolle, '/fachcontrolling?jahr=2026&quartal=3');
      expect(r.status, rolle).toBe(200);
      const body = (await r.json()) as { zeilen: Array<Record<string, unknown>>; hinweis: string | null };
      expect(body.zeilen.length, rolle).toBeGreaterThan(0);
      // 'gesamt' rows are the county's: only the county's roles get them (checked below)
      expect(ausserhalb(rolle, { zeilen: body.zeilen.filter((z) => z.sozialraum !== 'gesamt') }), rolle).toEqual([]);
      if (rolle === 'jugendamt') {
        expect(kleine(body.zeilen).length, 'exakte kleine Anzahlen').toBeGreaterThan(0);
        expect(verdeckte(body.zeilen)).toEqual([]);
        expect(body.hinweis).toBeNull();
        expect(body.zeilen.some((z) => z.sozialraum === 'gesamt')).toBe(true);
      } else {
        expect(kleine(body.zeilen), rolle).toEqual([]);
        expect(verdeckte(body.zeilen).length, rolle).toBeGreaterThan(0);
        expect(body.hinweis, rolle).toContain('kleinste_fallzahl = 3');
        // the county's rows only for the county's roles
        expect(
          body.zeilen.some((z) => z.sozialraum === 'gesamt'),
          rolle,
        ).toBe(rolle === 'analyst');
      }
    }
  });

  it('verdeckt auch in CSV und Arrow, und in Ad-hoc-SQL über fachcontrolling', async () => {
    const csv = await (await hole('awo', '/fachcontrolling?jahr=2026&quartal=3', 'text/csv')).text();
    expect(csv.split('\n')[0]).toContain('faelle');
    expect(csv).toContain('<3');
    const { tableFromIPC } = await import('apache-arrow');
    const arrow = tableFromIPC(
      new Uint8Array(
        await (
          await hole('asd', '/fachcontrolling?jahr=2026&quartal=3', 'application/vnd.apache.arrow.stream')
        ).arrayBuffer(),
      ),
    );
    const faelle: unknown[] = Array.from(arrow.getChild('faelle')!);
    expect(faelle.some((f) => f === null)).toBe(true);
    expect(faelle.some((f) => f === 1 || f === 2)).toBe(false);
    const sql = (wer: Rolle) =>
      fetch(`${s.server.url}/api/v1/sql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token[wer]}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          sql: 'SELECT sozialraum, hilfeart, faelle, unterdrueckt FROM fachcontrolling WHERE jahr = 2026 AND quartal = 3',
        }),
      }).then(async (r) => ((await r.json()) as { zeilen: Array<Record<string, unknown>> }).zeilen);
    const analyst = await sql('analyst');
    expect(analyst.some((z) => z.faelle === 1 || z.faelle === 2)).toBe(false);
    expect(analyst.some((z) => z.faelle === null && String(z.unterdrueckt).includes('faelle'))).toBe(true);
    const jugendamt = await sql('jugendamt');
    expect(jugendamt.some((z) => z.faelle === 1 || z.faelle === 2)).toBe(true);
  });

  it('Ad-hoc-SQL, das Kontrakte zählt, zeigt kleine ganze Zahlen nur dem Jugendamt-Controller; Geldsummen bleiben sichtbar', async () => {
    const frage = async (wer: Rolle, sql: string) => {
      const r = await fetch(`${s.server.url}/api/v1/sql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token[wer]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sql }),
      });
      expect(r.status, sql).toBe(200);
      return {
        zeilen: ((await r.json()) as { zeilen: Array<Record<string, unknown>> }).zeilen,
        hinweis: decodeURIComponent(r.headers.get('x-kleinzahlschutz') ?? ''),
      };
    };
    const zaehlen =
      'SELECT sozialraum, status, count(*) AS n, sum(1) AS auch_n FROM kontrakt_abgleich GROUP BY ALL ORDER BY ALL';
    const exakt = await frage('jugendamt', zaehlen);
    // count() is BIGINT: JSON text
    expect(exakt.zeilen.some((z) => ['1', '2'].includes(String(z.n)))).toBe(true);
    expect(exakt.hinweis).toBe('');
    for (const wer of ['analyst', 'awo'] as const) {
      const { zeilen, hinweis } = await frage(wer, zaehlen);
      expect(zeilen.length, wer).toBeGreaterThan(0);
      expect(
        zeilen.some((z) => ['1', '2'].includes(String(z.n)) || ['1', '2'].includes(String(z.auch_n))),
        wer,
      ).toBe(false);
      expect(
        zeilen.some((z) => z.n === null),
        wer,
      ).toBe(true);
      expect(hinweis, wer).toContain('kleinste_fallzahl = 3');
    }
    // Money per Sozialraum and Topf is no count of cases: unchanged for every role.
    const geld =
      'SELECT sozialraum, topf, sum(betrag) AS betrag, count(*) AS buchungen FROM verbrauch WHERE jahr = 2026 GROUP BY ALL ORDER BY ALL';
    expect((await frage('analyst', geld)).zeilen).toEqual((await frage('jugendamt', geld)).zeilen);
  });
});

describe('Schreibbereich, Token und Anmeldung', () => {
  const post = (pfad: string, wer: Rolle, body: BodyInit, kopf: Record<string, string> = {}) =>
    fetch(`${s.server.url}/api/v1${pfad}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token[wer]}`, ...kopf },
      body,
    });

  it('lehnt die Datei eines Träger-Controllers mit einer Zeile eines fremden Sozialraums ganz ab, mit Zeile und Grund; nichts ändert sich', async () => {
    const zaehle = async () =>
      s.server.dienste.leser.wert(`SELECT count(*) FROM leistung WHERE sozialraum = 'saarburg'`);
    const vorher = await zaehle();
    const form = new FormData();
    form.append(
      'datei',
      new Blob([
        `${KOPF_LEISTUNGEN}\nawo-trier-saarburg;konz;;;;fallunspezifisch;02.02.2027;1;MA-KO-001;ja\nawo-trier-saarburg;Saarburg;;;;fallunspezifisch;02.02.2027;1;MA-KO-001;ja\n`,
      ]),
      'zwei-sozialraeume.csv',
    );
    const r = await post('/importe', 'awo', form);
    expect(r.status).toBe(422);
    const [e] = (
      (await r.json()) as {
        ergebnisse: Array<{ status: string; fehler: Array<{ zeile: number; spalte: string; grund: string }> }>;
      }
    ).ergebnisse;
    expect(e!.status).toBe('abgelehnt');
    expect(e!.fehler).toHaveLength(1);
    expect(e!.fehler[0]).toMatchObject({
      zeile: 3,
      spalte: 'sozialraum',
      wert: 'Saarburg',
      grund: expect.stringContaining(
        'Die Zeile gehört zum Sozialraum „saarburg“; mit diesem Zugang lassen sich nur Dateien für konz laden',
      ),
    });
    expect(await zaehle()).toEqual(vorher);
  });

  it('lehnt einen Kontrakt eines anderen Trägers in der Kontraktliste eines Trägers ab (aus dem Review: der Abgleich zeigte dessen Falldaten)', async () => {
    const fremd = String(
      await s.server.dienste.leser.wert(
        `SELECT kontrakt FROM leistung WHERE traeger <> 'awo-trier-saarburg' AND sozialraum = 'konz' AND kontrakt IS NOT NULL ORDER BY kontrakt LIMIT 1`,
      ),
    );
    const form = new FormData();
    form.append(
      'datei',
      new Blob([
        `quelle;kontrakt;sozialraum;fall;hilfeart;beginn;ende;stunden_monat;asd_zeichnung;wohnort_ags\ntraeger:awo-trier-saarburg;${fremd};Konz;F-000000;31;24.01.2024;28.05.2024;9;;07235133\n`,
      ]),
      'kontrakte-awo.csv',
    );
    const r = await post('/importe', 'awo', form);
    expect(r.status).toBe(422);
    const [e] = (
      (await r.json()) as { ergebnisse: Array<{ fehler: Array<{ zeile: number; spalte: string; grund: string }> }> }
    ).ergebnisse;
    expect(e!.fehler).toContainEqual(
      expect.objectContaining({
        zeile: 2,
        spalte: 'kontrakt',
        grund: expect.stringContaining('gehört zu einem anderen Träger'),
      }),
    );
  });

  it('nimmt Dateinamen wie „..“ als Namen, nicht als Pfad, und einen Körper, der kein Formular ist, mit 4xx', async () => {
    const form = new FormData();
    form.append(
      'datei',
      new Blob([`${KOPF_LEISTUNGEN}\nawo-trier-saarburg;konz;;;;fallunspezifisch;03.02.2027;1;MA-KO-001;ja\n`]),
      '..',
    );
    const r = await post('/importe', 'awo', form);
    expect(r.status).toBe(201);
    expect(((await r.json()) as { ergebnisse: Array<{ datei: string }> }).ergebnisse[0]!.datei).toBe('upload.csv');
    const lang = new FormData();
    lang.append(
      'datei',
      new Blob([`${KOPF_LEISTUNGEN}\nawo-trier-saarburg;konz;;;;fallunspezifisch;04.02.2027;1;MA-KO-001;ja\n`]),
      `${'a'.repeat(300)}.csv`,
    );
    expect((await post('/importe', 'awo', lang)).status).toBe(201);
    for (const [pfad, body, art] of [
      ['/importe', 'kein formular', 'multipart/form-data; boundary=x'],
      ['/importe', 'kein formular', 'multipart/form-data'],
      ['/importe', '{"datei":1}', 'application/json'],
      ['/sql', 'SELECT 1', 'text/plain'],
      ['/prognosen', '[]', 'application/json'],
      ['/formeln', '{"aufrufe":"x"}', 'application/json'],
    ]) {
      const f = await post(pfad!, 'jugendamt', body!, { 'content-type': art! });
      expect(f.status, pfad).toBeGreaterThanOrEqual(400);
      expect(f.status, pfad).toBeLessThan(500);
    }
  });

  it('nimmt kein Token ohne Ablauf und ein Token in der Adresse nur für die Seiten des Quartalspakets', async () => {
    const { sign } = await import('hono/jwt');
    const ohneAblauf = await sign({ sub: 'jugendamt' }, s.server.dienste.schluessel, 'HS256');
    const r = await fetch(`${s.server.url}/api/v1/abweichung?jahr=2026&quartal=3`, {
      headers: { authorization: `Bearer ${ohneAblauf}` },
    });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain('kein Ablaufdatum');
    const t = token.jugendamt!;
    expect((await fetch(`${s.server.url}/api/v1/abweichung?jahr=2026&quartal=3&token=${t}`)).status).toBe(401);
    expect((await fetch(`${s.server.url}/api/v1/ereignisse?token=${t}`)).status).toBe(401);
    expect(
      (
        await fetch(`${s.server.url}/api/v1/sql?token=${t}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"sql":"SELECT 1"}',
        })
      ).status,
    ).toBe(401);
    // Accepted there: no pack is built in this server, so the token gets as far as "not found".
    expect((await fetch(`${s.server.url}/api/v1/grafiken/pakete/2026-Q3/index.html?token=${t}`)).status).toBe(404);
  });

  it('bremst falsche Passwörter je Konto und Adresse, ohne die Kollegin an derselben Adresse auszusperren, und protokolliert jeden Fehlversuch', async () => {
    const anmelden = (benutzer: string, passwort: string) =>
      fetch(`${s.server.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ benutzer, passwort }),
      });
    for (let i = 0; i < 5; i++) expect((await anmelden('asd-saarburg', `geraten-${i}`)).status).toBe(401);
    const gesperrt = await anmelden('asd-saarburg', 'demo-asd-saarburg');
    expect(gesperrt.status).toBe(429);
    expect(((await gesperrt.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain(
      'Zu viele fehlgeschlagene Anmeldungen',
    );
    expect((await anmelden('analyst', 'demo-analyst')).status).toBe(200);
    const audit = await s.server.dienste.leser.abfrage(
      `SELECT benutzer, aktion, objekt, details, zeitpunkt IS NOT NULL AS mit_zeit FROM audit WHERE benutzer = 'asd-saarburg' AND aktion LIKE 'anmeldung%' ORDER BY audit_id`,
    );
    expect(audit).toHaveLength(6);
    expect(audit[0]).toEqual({
      benutzer: 'asd-saarburg',
      aktion: 'anmeldung_fehlgeschlagen',
      objekt: '127.0.0.1',
      details: 'Passwort falsch',
      mit_zeit: true,
    });
    expect(audit[5]).toMatchObject({ aktion: 'anmeldung_gebremst', objekt: '127.0.0.1' });
  });

  it('sperrt Kolleginnen nicht aus, wenn jemand von ihrer Adresse aus viele Namen rät (aus dem Review)', async () => {
    const anmelden = (benutzer: string, passwort: string) =>
      fetch(`${s.server.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ benutzer, passwort }),
      });
    for (let i = 0; i < 55; i++) await anmelden(`geraten-${i % 11}`, 'falsch-falsch');
    expect((await anmelden('geraten-99', 'falsch-falsch')).status).toBe(429);
    // analyst and jugendamt signed in from here before: the address's limit does not hold for them.
    expect((await anmelden('analyst', 'demo-analyst')).status).toBe(200);
    expect((await anmelden('jugendamt', 'demo-jugendamt')).status).toBe(200);
  });
});

describe('Power Query: gespeicherte Abfragen mit lesendem API-Schlüssel', () => {
  // What Power Query's "Aus dem Web" sends with credentials of the kind "Standard" (HTTP Basic).
  const powerQuery = (pfad: string, benutzer: string, schluessel: string) =>
    fetch(`${s.server.url}/api/v1${pfad}`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${benutzer}:${schluessel}`).toString('base64')}`,
        'user-agent': 'Microsoft.Data.Mashup (https://go.microsoft.com/fwlink/?LinkID=304225)',
        'accept-encoding': 'gzip, deflate',
      },
    });
  const mitToken = (wer: Rolle, pfad: string, methode = 'GET', json?: unknown) =>
    fetch(`${s.server.url}/api/v1${pfad}`, {
      method: methode,
      headers: { authorization: `Bearer ${token[wer]}`, ...(json ? { 'content-type': 'application/json' } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });

  it('liefert eine gespeicherte Abfrage als CSV für ein deutsches Excel, im Bereich des Abrufenden, und nur lesend', async () => {
    const gespeichert = await mitToken('analyst', '/abfragen', 'POST', {
      name: 'verbrauch-je-topf',
      beschreibung: 'Verbrauch je Sozialraum und Topf',
      sql: 'SELECT sozialraum, topf, sum(betrag) AS betrag FROM verbrauch WHERE jahr = $jahr GROUP BY ALL ORDER BY ALL',
    });
    expect(gespeichert.status).toBe(201);
    expect(((await gespeichert.json()) as { parameter: string[] }).parameter).toEqual(['jahr']);

    const neu = await mitToken('awo', '/schluessel', 'POST', { name: 'Power BI Konz', gueltigTage: 30 });
    expect(neu.status).toBe(201);
    const { schluessel, schluesselId } = (await neu.json()) as { schluessel: string; schluesselId: string };
    const liste = (await (await mitToken('awo', '/schluessel')).json()) as {
      schluessel: Array<Record<string, unknown>>;
    };
    expect(liste.schluessel.find((k) => k.schluesselId === schluesselId)).toMatchObject({
      name: 'Power BI Konz',
      widerrufen: null,
    });
    expect(JSON.stringify(liste)).not.toContain(schluessel.split('.')[1]);

    const ohne = await fetch(`${s.server.url}/api/v1/abfragen/verbrauch-je-topf.csv?jahr=2026`);
    expect(ohne.status).toBe(401);
    expect(ohne.headers.get('www-authenticate')).toContain('Basic');

    const csv = await powerQuery('/abfragen/verbrauch-je-topf.csv?jahr=2026', 'awo-konz', schluessel);
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const zeilen = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(zeilen[0]).toBe('sozialraum;topf;betrag');
    expect(zeilen.length).toBeGreaterThan(1);
    for (const z of zeilen.slice(1)) expect(z).toMatch(/^konz;[a-z]+;-?\d+,\d{4}$/);

    const rfc = await (
      await powerQuery('/abfragen/verbrauch-je-topf.csv?jahr=2026&format=rfc', 'awo-konz', schluessel)
    ).text();
    expect(rfc.split('\r\n')[1]).toMatch(/^konz,[a-z]+,-?\d+\.\d{4}$/);
    const json = (await (
      await powerQuery('/abfragen/verbrauch-je-topf.json?jahr=2026', 'awo-konz', schluessel)
    ).json()) as { zeilen: Array<{ sozialraum: string }> };
    expect(new Set(json.zeilen.map((z) => z.sozialraum))).toEqual(new Set(['konz']));

    const ohneJahr = await powerQuery('/abfragen/verbrauch-je-topf.csv', 'awo-konz', schluessel);
    expect(ohneJahr.status).toBe(400);
    expect(((await ohneJahr.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain('?jahr=');
    expect((await powerQuery('/abweichung?jahr=2026&quartal=3', 'awo-konz', schluessel)).status).toBe(200);
    expect((await powerQuery('/abfragen/verbrauch-je-topf.csv?jahr=2026', 'analyst', schluessel)).status).toBe(401);

    const schreiben = await fetch(`${s.server.url}/api/v1/sql`, {
      method: 'POST',
      headers: { 'x-api-key': schluessel, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'SELECT 1' }),
    });
    expect(schreiben.status).toBe(403);

    expect((await mitToken('awo', `/schluessel/${schluesselId}`, 'DELETE')).status).toBe(204);
    expect((await powerQuery('/abfragen/verbrauch-je-topf.csv?jahr=2026', 'awo-konz', schluessel)).status).toBe(401);
    const audit = await s.server.dienste.leser.abfrage(
      `SELECT aktion FROM audit WHERE objekt IN ('${schluesselId}', 'verbrauch-je-topf') ORDER BY audit_id`,
    );
    expect(audit.map((z) => z.aktion)).toEqual([
      'abfrage_speichern',
      'apischluessel_anlegen',
      'apischluessel_widerrufen',
    ]);
  });

  it('speichert keine Abfrage, die die Sandbox ablehnt', async () => {
    const r = await mitToken('jugendamt', '/abfragen', 'POST', { name: 'geheim', sql: 'SELECT * FROM benutzer' });
    expect(r.status).toBe(403);
    const name = await mitToken('jugendamt', '/abfragen', 'POST', { name: '../x', sql: 'SELECT 1' });
    expect(name.status).toBe(400);
  });
});
