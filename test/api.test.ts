import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import { tableFromIPC } from 'apache-arrow';
import { hc } from 'hono/client';
import type { ApiTyp } from '../api/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABWEICHUNGSSTATUS, abweichungZeile } from '../warehouse/index.ts';
import { anmelden, demoServer } from './api-helfer.ts';

let s: Awaited<ReturnType<typeof demoServer>>;
let url: string;
const token: Record<string, string> = {};

beforeAll(async () => {
  s = await demoServer();
  url = s.server.url;
  token.jugendamt = await anmelden(url, 'jugendamt', 'demo-jugendamt');
  token.awo = await anmelden(url, 'awo-konz', 'demo-awo-konz');
  token.asd = await anmelden(url, 'asd-saarburg', 'demo-asd-saarburg');
  token.analyst = await anmelden(url, 'analyst', 'demo-analyst');
}, 180_000);
afterAll(async () => {
  await s.weg();
});

const get = (pfad: string, wer: string, kopf: Record<string, string> = {}) =>
  fetch(`${url}/api/v1${pfad}`, { headers: { authorization: `Bearer ${token[wer]}`, ...kopf } });
const post = (pfad: string, wer: string, body: unknown) =>
  fetch(`${url}/api/v1${pfad}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token[wer]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const zeilen = async (r: Response) => ((await r.json()) as { zeilen: Array<Record<string, unknown>> }).zeilen;

const KENNZAHLEN = [
  '/finanzvolumen?jahr=2026',
  '/verbrauch?jahr=2026&gruppe=sozialraum,topf',
  '/abweichung?jahr=2026&quartal=3',
  '/kontrakte/abgleich',
  '/personal/pruefung',
];

describe('Anmeldung und Zugang', () => {
  it('lässt ohne Token nur health, Doku und Token-Ausgabe zu', async () => {
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    const doku = await fetch(`${url}/openapi.json`);
    expect(doku.status).toBe(200);
    // The figures' rows are the warehouse's schemas, named as components (one declaration per row type).
    const { components } = (await doku.json()) as {
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    };
    for (const name of [
      'Abweichung',
      'Finanzvolumen',
      'Fachcontrolling',
      'Jahresabrechnung',
      'OffenerPunkt',
      'Umschichtung',
      'Umschichtungsvorschlag',
      'Prognose',
      'Prognoseversion',
    ]) {
      expect(components.schemas[name], name).toBeDefined();
    }
    expect(Object.keys(components.schemas.Abweichung!.properties!)).toEqual(Object.keys(abweichungZeile.shape));
    expect(components.schemas.Abweichung!.properties!.status!.enum).toEqual([...ABWEICHUNGSSTATUS]);
    expect(await (await fetch(`${url}/api/docs`)).text()).toContain('POST</span> <code>/api/v1/prognosen</code>');
    for (const pfad of [...KENNZAHLEN, '/prognosen?jahr=2026&sozialraum=konz', '/ereignisse']) {
      const r = await fetch(`${url}/api/v1${pfad}`);
      expect(r.status, pfad).toBe(401);
      expect(((await r.json()) as { fehler: { code: string; meldung: string } }).fehler).toMatchObject({
        code: 'nicht_angemeldet',
        meldung: expect.stringContaining('Anmeldung nötig'),
      });
    }
    expect((await post('/sql', 'x', { sql: 'SELECT 1' })).status).toBe(401);
  });

  it('sagt bei falschem Passwort nicht, ob es den Benutzer gibt, und bremst nach fünf Fehlversuchen', async () => {
    const versuch = (benutzer: string) =>
      fetch(`${url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ benutzer, passwort: 'falsch-falsch' }),
      });
    const a = await versuch('analyst');
    const b = await versuch('gibt-es-nicht');
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(await a.json()).toEqual(await b.json());
    for (let i = 0; i < 4; i++) await versuch('analyst');
    const gebremst = await versuch('analyst');
    expect(gebremst.status).toBe(429);
    expect(((await gebremst.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain(
      'Zu viele fehlgeschlagene Anmeldungen',
    );
  });

  it('schließt eine ruhende Verbindung erst nach 65 s, damit der Client sie zuerst schließt und keine tote erwischt', async () => {
    const kopf = await new Promise<string | undefined>((fertig, fehler) =>
      httpGet(`${url}/api/v1/health`, (r) => {
        r.resume();
        fertig(String(r.headers['keep-alive']));
      }).on('error', fehler),
    );
    expect(kopf).toBe('timeout=65');
  });

  it('schickt Sicherheitsköpfe und erlaubt CORS nur der eigenen Herkunft', async () => {
    const eigen = await fetch(`${url}/api/v1/health`, { headers: { origin: url.replace('127.0.0.1', 'localhost') } });
    expect(eigen.headers.get('x-content-type-options')).toBe('nosniff');
    expect(eigen.headers.get('referrer-policy')).toBe('no-referrer');
    expect(eigen.headers.get('access-control-allow-origin')).toBe(url.replace('127.0.0.1', 'localhost'));
    const fremd = await fetch(`${url}/api/v1/health`, { headers: { origin: 'https://boese.example' } });
    expect(fremd.headers.get('access-control-allow-origin')).toBeNull();
    // Figures (computed, then from memory, then 304) and refusals carry the same headers.
    const kennzahl = () =>
      fetch(`${url}/api/v1/finanzvolumen?jahr=2025`, {
        headers: { authorization: `Bearer ${token.jugendamt}`, origin: url },
      });
    const erst = await kennzahl();
    const wieder = await kennzahl();
    const unveraendert = await fetch(`${url}/api/v1/finanzvolumen?jahr=2025`, {
      headers: { authorization: `Bearer ${token.jugendamt}`, 'if-none-match': erst.headers.get('etag')! },
    });
    const abgewiesen = await fetch(`${url}/api/v1/finanzvolumen?jahr=2025`);
    expect([erst.status, wieder.status, unveraendert.status, abgewiesen.status]).toEqual([200, 200, 304, 401]);
    for (const r of [erst, wieder, unveraendert, abgewiesen]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-request-id')).toBeTruthy();
    }
    expect(wieder.headers.get('access-control-allow-origin')).toBe(url);
    expect(await wieder.text()).toBe(await erst.text());
  });

  it('weist zu große Anfragen mit 413 ab und zeigt nie einen Stacktrace', async () => {
    const r = await post('/sql', 'analyst', { sql: `SELECT '${'x'.repeat(300 * 1024)}'` });
    expect(r.status).toBe(413);
    const text = JSON.stringify(await r.json());
    expect(text).toContain('zu groß');
    const kaputt = await fetch(`${url}/api/v1/prognosen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.jugendamt}`, 'content-type': 'application/json' },
      body: '{kein json',
    });
    expect(kaputt.status).toBe(400);
    const kaputtText = await kaputt.text();
    expect(kaputtText).not.toMatch(/at .*\.ts:\d+/);
    expect(kaputtText).toContain('Der Anfragekörper ist kein gültiges JSON.');
  });

  it('antwortet auf Anfragen, die schon das HTTP nicht einhalten, mit einer deutschen Meldung statt eines nackten 400', async () => {
    const roh = async (anfrage: Buffer) =>
      await new Promise<string>((fertig, fehler) => {
        const { port } = new URL(url);
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(anfrage));
        let antwort = '';
        socket.on('data', (d) => {
          antwort += d.toString('utf8');
        });
        socket.on('close', () => fertig(antwort));
        socket.on('error', fehler);
      });
    const nichtAscii = await roh(
      Buffer.concat([
        Buffer.from('GET /api/v1/health'),
        Buffer.from([0xff]),
        Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
      ]),
    );
    expect(nichtAscii).toMatch(/^HTTP\/1\.1 400/);
    expect(nichtAscii).toContain('"code":"eingabe_ungueltig"');
    expect(nichtAscii).toContain('kein gültiges HTTP');
    const riesig = await roh(
      Buffer.from(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Gross: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    expect(riesig).toMatch(/^HTTP\/1\.1 431/);
    expect(riesig).toContain('zu groß');
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
  });
});

describe('Kennzahlen', () => {
  it('liefert JSON mit exakten Beträgen als Text, CSV für Excel und Arrow', async () => {
    const fv = await zeilen(await get('/finanzvolumen?jahr=2026', 'jugendamt'));
    expect(fv).toHaveLength(4);
    expect(fv[0]!.gesamtfinanzvolumen).toMatch(/^\d+\.\d\d$/);
    const csv = await (await get('/finanzvolumen?jahr=2026', 'jugendamt', { accept: 'text/csv' })).text();
    expect(csv.split('\n')[0]).toContain('jahr;sozialraum;gesamtfinanzvolumen');
    expect(csv.split('\n')[1]).toMatch(/^2026;\w+;\d+,\d\d;/);
    const arrow = await get('/abweichung?jahr=2026&quartal=3', 'jugendamt', {
      accept: 'application/vnd.apache.arrow.stream',
    });
    expect(arrow.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const t = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
    expect(t.numRows).toBe(16);
    expect(t.schema.fields.map((f) => f.name)).toContain('hochrechnung');
  });

  it('antwortet 304, wenn sich seit dem letzten Abruf nichts geändert hat', async () => {
    const erste = await get('/abweichung?jahr=2026&quartal=3', 'jugendamt');
    const etag = erste.headers.get('etag')!;
    expect(erste.headers.get('last-modified')).toBeTruthy();
    const zweite = await get('/abweichung?jahr=2026&quartal=3', 'jugendamt', { 'if-none-match': etag });
    expect(zweite.status).toBe(304);
    const seit = await get('/abweichung?jahr=2026&quartal=3', 'jugendamt', {
      'if-modified-since': erste.headers.get('last-modified')!,
    });
    expect(seit.status).toBe(304);
  });

  it('behält nach einer Prognose die Zahlen, die sie nicht ändern kann, und rechnet die Abweichung neu', async () => {
    const verbrauch = await get('/verbrauch?jahr=2026&gruppe=monat,topf', 'jugendamt');
    const abweichung = await get('/abweichung?jahr=2026&quartal=3&sozialraum=saarburg', 'jugendamt');
    const stand = (await (await get('/prognosen?jahr=2026&sozialraum=saarburg', 'jugendamt')).json()) as {
      version: { version_id: number } | null;
    };
    const p = await post('/prognosen', 'jugendamt', {
      jahr: 2026,
      sozialraum: 'saarburg',
      basisVersion: stand.version?.version_id ?? null,
      kommentar: 'Cache',
      werte: [{ topf: 'variabel', monat: 12, betrag: '123456.78' }],
    });
    expect(p.status).toBe(201);
    // A forecast cannot change the bookings: the client's copy is still current.
    expect(
      (
        await get('/verbrauch?jahr=2026&gruppe=monat,topf', 'jugendamt', {
          'if-none-match': verbrauch.headers.get('etag')!,
        })
      ).status,
    ).toBe(304);
    const neu = await get('/abweichung?jahr=2026&quartal=3&sozialraum=saarburg', 'jugendamt', {
      'if-none-match': abweichung.headers.get('etag')!,
    });
    expect(neu.status).toBe(200);
    const variabel = (await zeilen(neu)).find((z) => z.topf === 'variabel')!;
    expect(variabel.prognose_methode).toBe('prognose');
  });

  it('rechnet die gerade gelesene Abweichung vor der Antwort auf eine Prognose neu: der nächste Leser wartet nicht', async () => {
    const pfad = '/abweichung?jahr=2026&quartal=3&sozialraum=schweich';
    const vorher = await get(pfad, 'analyst');
    const stand = (await (await get('/prognosen?jahr=2026&sozialraum=schweich', 'jugendamt')).json()) as {
      version: { version_id: number } | null;
    };
    const p = await post('/prognosen', 'jugendamt', {
      jahr: 2026,
      sozialraum: 'schweich',
      basisVersion: stand.version?.version_id ?? null,
      kommentar: 'vorausgerechnet',
      werte: [{ topf: 'variabel', monat: 12, betrag: '654321.09' }],
    });
    expect(p.status).toBe(201);
    // Every query of the server goes through a reading connection: after the 201 the analyst's read needs none.
    const d = s.server.dienste;
    const leser = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(d), 'leser')!.get!;
    let abfragen = 0;
    Object.defineProperty(d, 'leser', { configurable: true, get: () => (abfragen++, leser.call(d)) });
    try {
      const nachher = await get(pfad, 'analyst', { 'if-none-match': vorher.headers.get('etag')! });
      expect(nachher.status).toBe(200);
      expect(abfragen).toBe(0);
      const neu = await zeilen(nachher);
      expect(neu.find((z) => z.topf === 'variabel')!.prognose_methode).toBe('prognose');
      expect(neu).not.toEqual(await zeilen(vorher));
    } finally {
      delete (d as { leser?: unknown }).leser;
    }
  });

  it('gruppiert den Verbrauch nur nach erlaubten Merkmalen', async () => {
    const r = await get('/verbrauch?jahr=2026&bis=6&gruppe=monat,topf', 'jugendamt');
    const z = await zeilen(r);
    expect(new Set(z.map((x) => x.monat))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    const falsch = await get('/verbrauch?jahr=2026&gruppe=monat,name', 'jugendamt');
    expect(falsch.status).toBe(400);
    expect(((await falsch.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain(
      'Ungültige Gruppierung name',
    );
  });

  it('zeigt dem Träger-Controller von Konz keine Saarburger Zeile, über keinen Endpunkt', async () => {
    for (const pfad of KENNZAHLEN) {
      const z = await zeilen(await get(pfad, 'awo'));
      expect(z.length, pfad).toBeGreaterThan(0);
      expect(
        z.filter((x) => x.sozialraum !== 'konz'),
        pfad,
      ).toEqual([]);
      if ('traeger' in z[0]!)
        expect(
          z.filter((x) => x.traeger !== null && x.traeger !== 'awo-trier-saarburg'),
          pfad,
        ).toEqual([]);
    }
    const csv = await (await get('/abweichung?jahr=2026&quartal=3', 'awo', { accept: 'text/csv' })).text();
    expect(csv).not.toContain('saarburg');
    expect((await get('/abweichung?jahr=2026&quartal=3&sozialraum=saarburg', 'awo')).status).toBe(403);
    const sql = await post('/sql', 'awo', {
      sql: 'SELECT DISTINCT sozialraum FROM verbrauch UNION SELECT DISTINCT sozialraum FROM abweichung UNION SELECT DISTINCT sozialraum FROM kontrakt_abgleich',
    });
    expect(await zeilen(sql)).toEqual([{ sozialraum: 'konz' }]);
    expect((await get('/prognosen?jahr=2026&sozialraum=saarburg', 'awo')).status).toBe(403);
  });

  it('listet offene Punkte mit Maßnahme, je Rolle im eigenen Bereich', async () => {
    const alle = await zeilen(await get('/befunde', 'jugendamt'));
    expect([...new Set(alle.map((z) => z.thema))]).toEqual(
      expect.arrayContaining(['kontrakt', 'zeichnung', 'personal']),
    );
    // A year keeps the points of that year and those without one (contracts).
    expect(new Set((await zeilen(await get('/befunde?jahr=2026', 'jugendamt'))).map((z) => z.jahr ?? 'ohne'))).toEqual(
      new Set([2026, 'ohne']),
    );
    for (const z of alle) expect(String(z.massnahme).length, JSON.stringify(z)).toBeGreaterThan(30);
    const awo = await zeilen(await get('/befunde', 'awo'));
    expect(
      awo.filter(
        (z) =>
          z.sozialraum !== 'konz' ||
          !(
            z.traeger === 'awo-trier-saarburg' ||
            (z.traeger === null && ['personal', 'abrechnung'].includes(String(z.thema)))
          ),
      ),
    ).toEqual([]);
    // What the Träger does not see exists: Konz's contract points of the youth office alone.
    expect(
      alle.some(
        (z) => z.sozialraum === 'konz' && z.traeger === null && ['kontrakt', 'zeichnung'].includes(String(z.thema)),
      ),
    ).toBe(true);
    expect(new Set((await zeilen(await get('/befunde', 'asd'))).map((z) => z.sozialraum))).toEqual(
      new Set(['saarburg']),
    );
    expect((await get('/befunde?jahr=zwanzig', 'jugendamt')).status).toBe(400);
  });

  it('zeigt dem ASD nur seine Sozialräume', async () => {
    const z = await zeilen(await get('/abweichung?jahr=2026&quartal=3', 'asd'));
    expect(new Set(z.map((x) => x.sozialraum))).toEqual(new Set(['saarburg']));
  });
});

describe('Typisierter Client (hono/client), wie ihn das Add-in nutzt', () => {
  it('kennt Pfade, Parameter und Antworttypen der API', async () => {
    const client = hc<ApiTyp>(url, { headers: { authorization: `Bearer ${token.jugendamt}` } });
    const r = await client.api.v1.finanzvolumen.$get({ query: { jahr: '2026' } });
    if (r.status !== 200) throw new Error(`Status ${r.status}`);
    const { zeilen } = await r.json();
    const konz = zeilen.find((z) => z.sozialraum === 'konz')!;
    // gesamtfinanzvolumen is typed string | null: the exact decimal, no float.
    const g: string | null = konz.gesamtfinanzvolumen;
    expect(g).toMatch(/^\d+\.\d\d$/);
    const p = await client.api.v1.prognosen.$get({ query: { jahr: '2026', sozialraum: 'saarburg' } });
    if (p.status !== 200) throw new Error(`Status ${p.status}`);
    const prognose = await p.json();
    expect(prognose.letzterIstMonat).toBe(10);
  });
});

describe('Prognosen', () => {
  it('schreibt Versionen, nutzt die neueste in der Abweichung und verliert kein Update (409)', async () => {
    const vorher = (await (await get('/prognosen?jahr=2026&sozialraum=konz', 'jugendamt')).json()) as {
      version: null | { version_id: number };
      letzterIstMonat: number;
    };
    expect(vorher.version).toBeNull();
    expect(vorher.letzterIstMonat).toBe(10);
    const werte = [11, 12].map((monat) => ({ topf: 'variabel', monat, betrag: '40000.00' }));
    const r1 = await post('/prognosen', 'jugendamt', {
      jahr: 2026,
      sozialraum: 'konz',
      basisVersion: null,
      kommentar: 'Q3-Prognose',
      werte,
    });
    expect(r1.status).toBe(201);
    const v1 = ((await r1.json()) as { version: number }).version;
    const r2 = await post('/prognosen', 'awo', {
      jahr: 2026,
      sozialraum: 'konz',
      basisVersion: v1,
      kommentar: 'Träger sieht mehr',
      werte: [{ topf: 'variabel', monat: 12, betrag: 45000 }],
    });
    expect(r2.status).toBe(201);
    // Someone who still holds v1 writes: 409 with who wrote in between and which cells differ.
    const konflikt = await post('/prognosen', 'jugendamt', {
      jahr: 2026,
      sozialraum: 'konz',
      basisVersion: v1,
      kommentar: 'veraltet',
      werte,
    });
    expect(konflikt.status).toBe(409);
    const f = (
      (await konflikt.json()) as {
        fehler: {
          code: string;
          meldung: string;
          details: { aktuelleVersion: { autor: string }; geaenderteZellen: unknown[] };
        };
      }
    ).fehler;
    expect(f.code).toBe('konflikt');
    expect(f.meldung).toContain('awo-konz');
    expect(f.details.geaenderteZellen).toEqual([
      { topf: 'variabel', monat: 12, basis: '40000.00', aktuell: '45000.00' },
    ]);
    const jetzt = (await (await get('/prognosen?jahr=2026&sozialraum=konz', 'jugendamt')).json()) as {
      versionen: unknown[];
      werte: unknown[];
    };
    expect(jetzt.versionen).toHaveLength(2);
    expect(jetzt.werte).toEqual([
      { topf: 'variabel', monat: 11, betrag: '40000.00' },
      { topf: 'variabel', monat: 12, betrag: '45000.00' },
    ]);
    const [variabel] = (await zeilen(await get('/abweichung?jahr=2026&quartal=3&sozialraum=konz', 'jugendamt'))).filter(
      (z) => z.topf === 'variabel',
    );
    // At Q3 the rest is October to December: October as booked (exact), November and December as forecast.
    const [okt] = await zeilen(
      await post('/sql', 'jugendamt', {
        sql: `SELECT sum(betrag) AS b FROM verbrauch WHERE jahr = 2026 AND monat = 10 AND sozialraum = 'konz' AND topf = 'variabel'`,
      }),
    );
    const [ganz, teil = ''] = String(okt!.b).split('.');
    const zehntausendstel = BigInt(ganz!) * 10_000n + BigInt(teil.padEnd(4, '0').slice(0, 4)) + 85_000n * 10_000n;
    const cent = (zehntausendstel + 50n) / 100n;
    expect(variabel).toMatchObject({
      prognose_methode: 'prognose',
      prognose_rest: `${cent / 100n}.${String(cent % 100n).padStart(2, '0')}`,
    });
  });

  it('speichert nichts bei Monaten mit Ist-Werten, negativen oder nicht-numerischen Beträgen und fremden Sozialräumen', async () => {
    const aktuell =
      (
        (await (await get('/prognosen?jahr=2026&sozialraum=hermeskeil', 'jugendamt')).json()) as {
          version: { version_id: number } | null;
        }
      ).version?.version_id ?? null;
    const schreibe = (werte: unknown[], wer = 'jugendamt', sozialraum = 'hermeskeil') =>
      post('/prognosen', wer, { jahr: 2026, sozialraum, basisVersion: aktuell, kommentar: 'Test', werte });
    const ist = await schreibe([
      { topf: 'asd', monat: 9, betrag: '100.00' },
      { topf: 'asd', monat: 11, betrag: '100.00' },
    ]);
    expect(ist.status).toBe(422);
    expect(((await ist.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain(
      'Zeile 1 (asd, Monat 9): für diesen Monat gibt es schon Ist-Werte',
    );
    const negativ = await schreibe([{ topf: 'asd', monat: 11, betrag: '-5.00' }]);
    expect(((await negativ.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain(
      'Betrag -5.00 ist negativ',
    );
    const text = await schreibe([{ topf: 'asd', monat: 11, betrag: 'viel' }]);
    expect(((await text.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain('„viel“ ist kein Betrag');
    expect((await schreibe([{ topf: 'asd', monat: 11, betrag: '1.00' }], 'awo')).status).toBe(403);
    expect((await schreibe([{ topf: 'asd', monat: 11, betrag: '1.00' }], 'analyst')).status).toBe(403);
    const danach = (await (await get('/prognosen?jahr=2026&sozialraum=hermeskeil', 'jugendamt')).json()) as {
      versionen: unknown[];
    };
    expect(danach.versionen).toHaveLength(aktuell === null ? 0 : 1);
  });
});

describe('Ad-hoc-SQL', () => {
  it('beantwortet lesende Abfragen als JSON und CSV und protokolliert jede', async () => {
    const r = await post('/sql', 'analyst', {
      sql: `SELECT sozialraum, status FROM abweichung WHERE jahr = 2026 AND quartal = 3 AND topf = 'gesamt' ORDER BY 1`,
    });
    expect(r.status).toBe(200);
    expect((await zeilen(r)).map((z) => z.sozialraum)).toEqual(['hermeskeil', 'konz', 'saarburg', 'schweich']);
    const audit = await post('/sql', 'jugendamt', { sql: `SELECT count(*) AS n FROM import_protokoll` });
    expect(audit.status).toBe(200);
  });

  it('kann keine Dateien lesen oder schreiben, nichts anhängen, nichts ändern und nicht am Bereich vorbei', async () => {
    for (const [sql, teil] of [
      [`SELECT * FROM read_csv('/etc/passwd')`, 'read_csv() ist in Ad-hoc-Abfragen nicht erlaubt'],
      [`SELECT * FROM glob('/tmp/*')`, 'glob() ist in Ad-hoc-Abfragen nicht erlaubt'],
      [`COPY (SELECT 1) TO '/tmp/x.csv'`, 'Nur lesende Abfragen'],
      [`ATTACH '/tmp/y.duckdb'`, 'Nur lesende Abfragen'],
      [`INSTALL httpfs`, 'Nur lesende Abfragen'],
      [`SET threads = 1`, 'Nur lesende Abfragen'],
      [`DELETE FROM audit`, 'Nur lesende Abfragen'],
      [`SELECT * FROM audit`, '„audit“ ist für Ad-hoc-Abfragen nicht freigegeben'],
      [`SELECT * FROM main.abweichung`, '„abweichung“ bitte ohne Schema- oder Katalogangabe nennen'],
      [`SELECT * FROM leistung`, '„leistung“ ist für Ad-hoc-Abfragen nicht freigegeben'],
      [`SELECT 1; SELECT 2`, 'Genau eine Abfrage'],
    ]) {
      const r = await post('/sql', 'awo', { sql });
      expect([400, 403], sql).toContain(r.status);
      expect(((await r.json()) as { fehler: { meldung: string } }).fehler.meldung, sql).toContain(teil);
    }
  });

  it('bricht nach der Zeilengrenze ab und sagt es', async () => {
    const r = await post('/sql', 'analyst', { sql: 'SELECT * FROM range(200000)' });
    expect(r.headers.get('x-abgeschnitten')).toBe('true');
    expect(await zeilen(r)).toHaveLength(100_000);
  });
});

describe('Ad-hoc-SQL gegen Umgehungsversuche (aus dem Review)', () => {
  it('lässt sich nicht mit CTE-Namen, SHOW, Einstellungen oder Dateinamen an gesperrte Tabellen bringen', async () => {
    for (const [sql, teil] of [
      [
        'SELECT * FROM benutzer, (WITH benutzer AS (SELECT 1) SELECT * FROM benutzer)',
        '„benutzer“ gibt es in Ad-hoc-Abfragen nicht',
      ],
      [
        'SELECT (SELECT list(wert) FROM schluessel), (WITH schluessel AS (SELECT 1) SELECT 1)',
        '„schluessel“ gibt es in Ad-hoc-Abfragen nicht',
      ],
      [
        'SELECT * FROM leistung s JOIN (WITH leistung AS (SELECT 1) SELECT 1) ON true',
        '„leistung“ gibt es in Ad-hoc-Abfragen nicht',
      ],
      [`SELECT * FROM '/etc/hosts.csv', (WITH "/etc/hosts.csv" AS (SELECT 1) SELECT 1)`, 'nicht erlaubt'],
      ['SHOW ALL TABLES', 'nicht erlaubt'],
      [`SELECT current_setting('temp_directory')`, 'current_setting() ist in Ad-hoc-Abfragen nicht erlaubt'],
    ]) {
      const r = await post('/sql', 'awo', { sql });
      expect([400, 403], sql).toContain(r.status);
      expect(((await r.json()) as { fehler: { meldung: string } }).fehler.meldung, sql).toContain(teil);
    }
  });

  it('rechnet die Abweichung im Bereich gleich wie der Endpunkt', async () => {
    const sql = await zeilen(
      await post('/sql', 'awo', {
        sql: `SELECT topf, ist_bis_stichtag, status FROM abweichung WHERE jahr = 2026 AND quartal = 3 ORDER BY topf`,
      }),
    );
    const endpunkt = (await zeilen(await get('/abweichung?jahr=2026&quartal=3', 'awo'))).map((z) => ({
      topf: z.topf,
      ist_bis_stichtag: z.ist_bis_stichtag,
      status: z.status,
    }));
    expect(sql).toEqual([...endpunkt].sort((a, b) => String(a.topf).localeCompare(String(b.topf))));
  });

  it('hält riesige Ergebnisse an der Größengrenze an, statt den Server zu sprengen', async () => {
    const r = await post('/sql', 'awo', {
      sql: `SELECT (SELECT string_agg('x', '') FROM range(1000000)) AS s FROM range(500)`,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-abgeschnitten')).toBe('true');
    expect((await zeilen(r)).length).toBeLessThan(100);
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
  });
});
