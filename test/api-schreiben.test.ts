import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starteServer } from '../api/index.ts';
import { oeffneWarehouse } from '../warehouse/index.ts';
import { anmelden, demoServer } from './api-helfer.ts';
import { KOPF_LEISTUNGEN } from './helfer.ts';

let s: Awaited<ReturnType<typeof demoServer>>;
let url: string;
let eingang: string;
const token: Record<string, string> = {};

beforeAll(async () => {
  eingang = join(process.env.TMPDIR ?? '/tmp', `srb-eingang-${process.pid}`);
  mkdirSync(eingang, { recursive: true });
  s = await demoServer({ eingang });
  url = s.server.url;
  token.jugendamt = await anmelden(url, 'jugendamt', 'demo-jugendamt');
  token.awo = await anmelden(url, 'awo-konz', 'demo-awo-konz');
  token.analyst = await anmelden(url, 'analyst', 'demo-analyst');
}, 180_000);
afterAll(async () => {
  await s.weg();
});

function hochladen(wer: string, dateien: Array<[string, string]>) {
  const form = new FormData();
  for (const [name, inhalt] of dateien) form.append('datei', new Blob([inhalt]), name);
  return fetch(`${url}/api/v1/importe`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token[wer]}` },
    body: form,
  });
}

interface Ergebnis {
  datei: string;
  status: string;
  fehler: Array<{ zeile?: number; grund: string }>;
}

describe('Importe über die API', () => {
  it('lädt hochgeladene Dateien nach denselben Regeln wie die CLI und meldet Ereignisse', async () => {
    const ereignisse = await fetch(`${url}/api/v1/ereignisse`, {
      headers: { authorization: `Bearer ${token.jugendamt}` },
    });
    const leser = ereignisse.body!.getReader();
    const gut = `${KOPF_LEISTUNGEN}\nawo-trier-saarburg;konz;K-1;F-1;§31;fallspezifisch;02.11.2026;2,5;MA-KO-001;ja\n`;
    const schlecht = `${KOPF_LEISTUNGEN}\nawo-trier-saarburg;Trier;K-1;F-1;§31;fallspezifisch;02.11.2026;2,5;MA-KO-001;ja\n`;
    const r = await hochladen('jugendamt', [
      ['gut.csv', gut],
      ['schlecht.csv', schlecht],
    ]);
    expect(r.status).toBe(422);
    const { ergebnisse } = (await r.json()) as { ergebnisse: Ergebnis[] };
    expect(ergebnisse.map((e) => [e.datei, e.status])).toEqual([
      ['gut.csv', 'geladen'],
      ['schlecht.csv', 'abgelehnt'],
    ]);
    expect(ergebnisse[1]!.fehler[0]).toMatchObject({ zeile: 2, grund: expect.stringContaining('ist kein Sozialraum') });
    let text = '';
    while (!text.includes('event: aenderung')) text += new TextDecoder().decode((await leser.read()).value);
    expect(text).toContain('"art":"ladung"');
    await leser.cancel();
    const nochmal = await hochladen('jugendamt', [['gut-kopie.csv', gut]]);
    expect(nochmal.status).toBe(201);
    expect(((await nochmal.json()) as { ergebnisse: Ergebnis[] }).ergebnisse[0]!.status).toBe('bereits_geladen');
  });

  it('lässt Träger-Controller nur Dateien ihres Trägers laden, andere Rollen gar nicht', async () => {
    const fremd = `${KOPF_LEISTUNGEN}\ncaritas-trier;konz;K-1;F-1;§31;fallspezifisch;03.11.2026;2,5;MA-X;ja\n`;
    const r = await hochladen('awo', [['caritas.csv', fremd]]);
    expect(r.status).toBe(422);
    const e = ((await r.json()) as { ergebnisse: Ergebnis[] }).ergebnisse[0]!;
    expect(e.fehler[0]!.grund).toContain('nur Dateien von traeger:awo-trier-saarburg');
    const eigen = `${KOPF_LEISTUNGEN}\nawo-trier-saarburg;konz;K-1;F-1;§31;fallspezifisch;03.11.2026;1;MA-KO-001;ja\n`;
    expect((await hochladen('awo', [['awo.csv', eigen]])).status).toBe(201);
    expect((await hochladen('analyst', [['awo2.csv', eigen]])).status).toBe(403);
  });

  it('lädt Dateien aus dem Posteingang und legt sie ab, abgelehnte mit Bericht', async () => {
    writeFileSync(
      join(eingang, 'zahlungen_nov.csv'),
      'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag\n05.11.2026;saarburg;asd;Beratungsstelle;;;1.000,00\n',
    );
    writeFileSync(
      join(eingang, 'kaputt.csv'),
      'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag\n31.11.2026;saarburg;asd;Beratungsstelle;;;1.000,00\n',
    );
    const frist = Date.now() + 30_000;
    while (Date.now() < frist && readdirSync(eingang).some((d) => d.endsWith('.csv')))
      await new Promise((r) => setTimeout(r, 250));
    expect(readdirSync(join(eingang, 'archiv')).some((d) => d.endsWith('_zahlungen_nov.csv'))).toBe(true);
    const abgelehnt = readdirSync(join(eingang, 'abgelehnt'));
    const bericht = abgelehnt.find((d) => d.endsWith('_kaputt.csv.fehler.txt'))!;
    expect(readFileSync(join(eingang, 'abgelehnt', bericht), 'utf8')).toContain(
      'kaputt.csv, Zeile 2, Spalte „buchungsdatum“, Wert „31.11.2026“: ist ein Datum, das es nicht gibt.',
    );
  });
});

describe('Audit und Betrieb', () => {
  it('protokolliert jede Schreibaktion und jede Abfrage, und das Protokoll ist über die API nicht änderbar', async () => {
    await fetch(`${url}/api/v1/sql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'SELECT 42 AS antwort' }),
    });
    const weg = await fetch(`${url}/api/v1/sql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.jugendamt}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'DELETE FROM audit' }),
    });
    expect(weg.status).toBe(403);
    const aktionen = await s.server.dienste.leser.abfrage(
      `SELECT benutzer, aktion, details FROM audit WHERE benutzer IN ('analyst', 'jugendamt', 'awo-konz', 'posteingang') ORDER BY audit_id`,
    );
    expect(aktionen).toContainEqual({ benutzer: 'analyst', aktion: 'sql', details: 'SELECT 42 AS antwort' });
    expect(aktionen).toContainEqual({ benutzer: 'jugendamt', aktion: 'sql', details: 'DELETE FROM audit' });
    expect(
      aktionen.filter((a) => a.aktion === 'import' || a.aktion === 'import_abgelehnt').map((a) => a.benutzer),
    ).toEqual(expect.arrayContaining(['jugendamt', 'awo-konz', 'posteingang']));
  });

  it('schreibt eine JSON-Zeile je Anfrage: Kennung, Pfad ohne Query (das Token bleibt draußen), Status, Dauer, Benutzer', async () => {
    const zeilen: string[] = [];
    const db = join(s.ordner, 'protokoll.duckdb');
    (await oeffneWarehouse(db)).schliessen();
    const server = await starteServer({
      db,
      host: '127.0.0.1',
      port: 0,
      log: pino(
        { base: undefined },
        {
          write: (z: string) => {
            zeilen.push(z);
          },
        },
      ),
    });
    try {
      await fetch(`${server.url}/api/v1/finanzvolumen?jahr=2026&token=geheim-123`);
      await fetch(`${server.url}/api/v1/health`, { headers: { 'x-request-id': 'meine-anfrage-1' } });
    } finally {
      await server.beenden();
    }
    const anfragen = zeilen.map((z) => JSON.parse(z) as Record<string, unknown>).filter((z) => z.msg === 'anfrage');
    expect(anfragen).toHaveLength(2);
    expect(anfragen[0]).toMatchObject({ level: 30, methode: 'GET', pfad: '/api/v1/finanzvolumen', status: 401 });
    expect(typeof anfragen[0]!.dauerMs).toBe('number');
    expect(typeof anfragen[0]!.time).toBe('number');
    expect(anfragen[1]).toMatchObject({ anfrageId: 'meine-anfrage-1', pfad: '/api/v1/health', status: 200 });
    expect(zeilen.join('')).not.toContain('geheim-123');
  });

  it('weigert sich, mit Demo-Zugängen über das eigene Gerät hinaus zu lauschen', async () => {
    const db = join(s.ordner, 'zweit.duckdb');
    const wh = await oeffneWarehouse(db);
    const { legeDemoBenutzerAn } = await import('../demo/index.ts');
    await legeDemoBenutzerAn(wh);
    wh.schliessen();
    await expect(starteServer({ db, host: '0.0.0.0', port: 0, log: pino({ level: 'silent' }) })).rejects.toThrow(
      /Demo-Zugänge mit bekannten Passwörtern sind aktiv: .*jugendamt/,
    );
    expect(existsSync(db)).toBe(true);
  });
});

describe('HTTPS für das Sideloading', () => {
  it('spricht HTTPS mit Zertifikat und Schlüssel (srb serve --cert --key)', async () => {
    const { execFileSync } = await import('node:child_process');
    const https = await import('node:https');
    const cert = join(s.ordner, 'cert.pem');
    const key = join(s.ordner, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    const db = join(s.ordner, 'https.duckdb');
    const server = await starteServer({
      db,
      host: '127.0.0.1',
      port: 0,
      zertifikat: cert,
      schluessel: key,
      log: pino({ level: 'silent' }),
    });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const antwort = await new Promise<{ status: number; body: string; hsts: unknown }>((fertig, fehler) => {
        https
          .get(`${server.url}/api/v1/health`, { rejectUnauthorized: false }, (r) => {
            let body = '';
            r.on('data', (d) => {
              body += d;
            });
            r.on('end', () => fertig({ status: r.statusCode!, body, hsts: r.headers['strict-transport-security'] }));
          })
          .on('error', fehler);
      });
      expect(antwort.status).toBe(200);
      expect(JSON.parse(antwort.body)).toMatchObject({ status: 'ok' });
      expect(antwort.hsts).toContain('max-age=');
    } finally {
      await server.beenden();
    }
  });
});

describe('Zuordnungsdateien über die API (aus dem Review)', () => {
  it('lässt einen Träger-Controller in der Zuordnung keinen fremden Absender setzen', async () => {
    const form = new FormData();
    form.append(
      'datei',
      new Blob([
        'jahr;sozialraum;gesamtfinanzvolumen;stellenfaktor;bruttojahresarbeitszeit\n2024;Saarburg;1,00;70.000;1.600\n',
      ]),
      'budget.csv',
    );
    form.append('mapping', new Blob([JSON.stringify({ absender: 'traeger:caritas-trier' })]), 'zuordnung.json');
    const r = await fetch(`${url}/api/v1/importe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.awo}` },
      body: form,
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain(
      'nur Dateien von traeger:awo-trier-saarburg',
    );
    const form2 = new FormData();
    form2.append(
      'datei',
      new Blob([
        'jahr;sozialraum;gesamtfinanzvolumen;stellenfaktor;bruttojahresarbeitszeit\n2024;Saarburg;1,00;70.000;1.600\n',
      ]),
      'budget.csv',
    );
    form2.append('mapping', new Blob([JSON.stringify({ absender: 'traeger:awo-trier-saarburg' })]), 'zuordnung.json');
    const r2 = await fetch(`${url}/api/v1/importe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.awo}` },
      body: form2,
    });
    expect(r2.status).toBe(422);
    const [budget] = await s.server.dienste.leser.abfrage(
      `SELECT gesamtfinanzvolumen FROM finanzvolumen WHERE jahr = 2024 AND sozialraum = 'saarburg'`,
    );
    expect(budget!.gesamtfinanzvolumen).not.toBe('1.00');
  });

  it('antwortet auf eine unbekannte Basisversion mit 422 statt 500 und nennt doppelte Zellen', async () => {
    const post = (body: unknown) =>
      fetch(`${url}/api/v1/prognosen`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.jugendamt}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const r = await post({
      jahr: 2030,
      sozialraum: 'konz',
      basisVersion: 999,
      kommentar: 'x',
      werte: [{ topf: 'asd', monat: 12, betrag: '1.00' }],
    });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain('Basisversion 999 gibt es');
    const doppelt = await post({
      jahr: 2030,
      sozialraum: 'konz',
      basisVersion: null,
      kommentar: 'x',
      werte: [
        { topf: 'asd', monat: 12, betrag: '1.00' },
        { topf: 'asd', monat: 12, betrag: '2.00' },
      ],
    });
    expect(((await doppelt.json()) as { fehler: { meldung: string } }).fehler.meldung).toContain('mehrfach');
  });
});
