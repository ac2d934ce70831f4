// Saved queries and their CSV, against the real server: who may replace or delete one, formula
// injection in every CSV the API writes, what is refused at save, and what the audit says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, demoTokens } from './api-helfer.ts';

type Wer = 'jugendamt' | 'awo' | 'analyst' | 'admin';

let s: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;

beforeAll(async () => {
  s = await demoServer();
  token = await demoTokens(s.server.url, 'jugendamt', 'awo', 'analyst', 'admin');
}, 120_000);
afterAll(async () => {
  await s?.weg();
});

const mitToken = (wer: Wer, pfad: string, methode = 'GET', json?: unknown, kopf: Record<string, string> = {}) =>
  fetch(`${s.server.url}/api/v1${pfad}`, {
    method: methode,
    headers: {
      authorization: `Bearer ${token[wer]}`,
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...kopf,
    },
    body: json ? JSON.stringify(json) : undefined,
  });
const meldung = async (r: Response) => ((await r.json()) as { fehler: { meldung: string } }).fehler.meldung;
const audit = (where: string) =>
  s.server.dienste.leser.abfrage(
    `SELECT benutzer, aktion, objekt, details FROM audit WHERE ${where} ORDER BY audit_id`,
  );

describe('Gespeicherte Abfragen: ersetzen und löschen nur der Autor oder ein Admin', () => {
  it('lehnt Ersetzen und Löschen einer fremden Abfrage mit 403 ab; der Autor und ein Admin dürfen, und das Protokoll nennt das ersetzte SQL', async () => {
    expect((await mitToken('analyst', '/abfragen', 'POST', { name: 'eigentum', sql: 'SELECT 1 AS eins' })).status).toBe(
      201,
    );
    const fremd = await mitToken('jugendamt', '/abfragen', 'POST', { name: 'eigentum', sql: 'SELECT 2 AS zwei' });
    expect(fremd.status).toBe(403);
    expect(await meldung(fremd)).toContain('gehört analyst');
    const loeschen = await mitToken('jugendamt', '/abfragen/eigentum', 'DELETE');
    expect(loeschen.status).toBe(403);
    expect(await meldung(loeschen)).toContain('gehört analyst');
    const liste = (await (await mitToken('analyst', '/abfragen')).json()) as {
      abfragen: Array<{ name: string; sql: string; autor: string }>;
    };
    expect(liste.abfragen.find((a) => a.name === 'eigentum')).toMatchObject({
      sql: 'SELECT 1 AS eins',
      autor: 'analyst',
    });

    expect((await mitToken('analyst', '/abfragen', 'POST', { name: 'eigentum', sql: 'SELECT 3 AS drei' })).status).toBe(
      201,
    );
    expect((await mitToken('admin', '/abfragen', 'POST', { name: 'eigentum', sql: 'SELECT 4 AS vier' })).status).toBe(
      201,
    );
    const ersetzt = await audit("aktion = 'abfrage_speichern' AND objekt = 'eigentum'");
    expect(ersetzt.map((z) => z.benutzer)).toEqual(['analyst', 'analyst', 'admin']);
    expect(String(ersetzt[1].details)).toContain('SELECT 3 AS drei');
    expect(String(ersetzt[1].details)).toContain('SELECT 1 AS eins');
    expect(String(ersetzt[2].details)).toContain('SELECT 4 AS vier');
    expect(String(ersetzt[2].details)).toContain('SELECT 3 AS drei');
    expect((await mitToken('admin', '/abfragen/eigentum', 'DELETE')).status).toBe(204);

    expect((await mitToken('jugendamt', '/abfragen', 'POST', { name: 'eigene', sql: 'SELECT 1 AS eins' })).status).toBe(
      201,
    );
    expect((await mitToken('jugendamt', '/abfragen/eigene', 'DELETE')).status).toBe(204);
  });
});

describe('CSV: Formeln in Kopf und Zellen werden unschädlich, in beiden Varianten und auf jedem Weg', () => {
  // A column name and a text cell for each character a spreadsheet starts a formula with; a number stays one.
  const SQL = `SELECT '=1+1' AS "=a", '+1' AS "+b", '-1' AS "-c", '@x' AS "@d", chr(9) || 'x' AS "\te", chr(13) || 'x' AS "\rf", -5.25 AS n`;
  const deutsch = `'=a;'+b;'-c;'@d;'\te;"'\rf";n\n'=1+1;'+1;'-1;'@x;'\tx;"'\rx";-5,25\n`;
  const rfc = `'=a,'+b,'-c,'@d,'\te,"'\rf",n\r\n'=1+1,'+1,'-1,'@x,'\tx,"'\rx",-5.25\r\n`;

  it('gespeicherte Abfrage als deutsches CSV und als ?format=rfc, POST /sql mit Accept: text/csv', async () => {
    expect((await mitToken('analyst', '/abfragen', 'POST', { name: 'formeln', sql: SQL })).status).toBe(201);
    const de = await mitToken('jugendamt', '/abfragen/formeln.csv');
    expect(de.status).toBe(200);
    expect(await de.text()).toBe(deutsch);
    const r = await mitToken('jugendamt', '/abfragen/formeln.csv?format=rfc');
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(rfc);
    const sql = await mitToken('analyst', '/sql', 'POST', { sql: SQL }, { accept: 'text/csv' });
    expect(sql.status).toBe(200);
    expect(await sql.text()).toBe(deutsch);
  });
});

describe('Audit: API-Schlüssel, Schreibversuche und abgelehnte Abfragen', () => {
  const basic = (benutzer: string, schluessel: string) => ({
    authorization: `Basic ${Buffer.from(`${benutzer}:${schluessel}`).toString('base64')}`,
  });
  const roh = (pfad: string, kopf: Record<string, string>, methode = 'GET', body?: string) =>
    fetch(`${s.server.url}/api/v1${pfad}`, { method: methode, headers: kopf, body });

  it('protokolliert fehlgeschlagene Anmeldungen mit Schlüssel (einmal je Art und Fenster), Schreibversuche und den Schlüssel eines Abrufs, nie sein Geheimnis', async () => {
    expect(
      (
        await mitToken('jugendamt', '/abfragen', 'POST', {
          name: 'audit-probe',
          sql: 'SELECT sozialraum, count(*) AS n FROM verbrauch WHERE jahr = $jahr GROUP BY ALL',
        })
      ).status,
    ).toBe(201);
    const neu = async (name: string) =>
      (await (await mitToken('awo', '/schluessel', 'POST', { name })).json()) as {
        schluessel: string;
        schluesselId: string;
      };
    const k = await neu('Power BI Audit');
    const geheim = k.schluessel.split('.')[1]!;
    const abruf = '/abfragen/audit-probe.csv?jahr=2026';

    expect((await roh(abruf, basic('awo-konz', k.schluessel))).status).toBe(200);
    const [sql] = await audit("aktion = 'sql' AND objekt = 'abfrage:audit-probe'");
    expect(sql).toMatchObject({ benutzer: 'awo-konz' });
    expect(String(sql!.details)).toContain(`${k.schluesselId} („Power BI Audit“)`);

    expect((await roh(abruf, basic('jugendamt', k.schluessel))).status).toBe(401);
    expect((await roh(abruf, { 'x-api-key': 'srbk_0123456789abcdef.AAAAAAAA' })).status).toBe(401);
    expect((await roh(abruf, { 'x-api-key': `${k.schluesselId}.falsch` })).status).toBe(401);
    const schreiben = await roh(
      '/sql',
      { 'x-api-key': k.schluessel, 'content-type': 'application/json' },
      'POST',
      '{"sql":"SELECT 1"}',
    );
    expect(schreiben.status).toBe(403);
    const alt = await neu('abgelaufen');
    await s.server.dienste.schreiber.ausfuehren(
      "UPDATE api_schluessel SET gueltig_bis = TIMESTAMP '2020-01-01 00:00:00' WHERE schluessel_id = $i",
      { i: alt.schluesselId },
    );
    expect((await roh(abruf, { 'x-api-key': alt.schluessel })).status).toBe(401);
    expect((await mitToken('awo', `/schluessel/${k.schluesselId}`, 'DELETE')).status).toBe(204);
    expect((await roh(abruf, basic('awo-konz', k.schluessel))).status).toBe(401);
    // A flood of made-up keys: no further line in this window.
    for (let i = 0; i < 20; i++)
      expect((await roh(abruf, { 'x-api-key': `srbk_${String(i).padStart(16, 'a')}.x` })).status).toBe(401);

    const zeilen = await audit("aktion IN ('anmeldung_fehlgeschlagen', 'schreiben_abgelehnt')");
    expect(zeilen.map((z) => [z.aktion, z.benutzer, z.details])).toEqual([
      ['anmeldung_fehlgeschlagen', 'jugendamt', `API-Schlüssel ${k.schluesselId} gehört nicht zu diesem Benutzernamen`],
      ['anmeldung_fehlgeschlagen', 'unbekannt', 'unbekannter API-Schlüssel srbk_0123456789abcdef'],
      ['anmeldung_fehlgeschlagen', 'unbekannt', `API-Schlüssel ${k.schluesselId} mit falschem Geheimnis`],
      ['schreiben_abgelehnt', 'awo-konz', `POST /api/v1/sql mit API-Schlüssel ${k.schluesselId} („Power BI Audit“)`],
      ['anmeldung_fehlgeschlagen', 'awo-konz', `API-Schlüssel ${alt.schluesselId} abgelaufen`],
      ['anmeldung_fehlgeschlagen', 'awo-konz', `API-Schlüssel ${k.schluesselId} widerrufen`],
    ]);
    const alles = await s.server.dienste.leser.abfrage('SELECT details FROM audit');
    expect(JSON.stringify(alles)).not.toContain(geheim);
  });

  it('protokolliert eine beim Speichern abgelehnte Abfrage wie POST /sql (sql_abgelehnt)', async () => {
    expect(
      (await mitToken('analyst', '/abfragen', 'POST', { name: 'verboten', sql: 'SELECT * FROM benutzer' })).status,
    ).toBe(403);
    expect((await mitToken('analyst', '/abfragen', 'POST', { name: '../x', sql: 'SELECT 1' })).status).toBe(400);
    const zeilen = await audit("aktion = 'sql_abgelehnt' AND objekt LIKE 'abfrage:%' AND benutzer = 'analyst'");
    expect(zeilen.map((z) => [z.benutzer, z.objekt])).toEqual([
      ['analyst', 'abfrage:verboten'],
      ['analyst', 'abfrage:../x'],
    ]);
    expect(String(zeilen[0]!.details)).toContain('SELECT * FROM benutzer');
  });
});

describe('Gespeicherte Abfragen: Parameter, die beim Abruf nicht gehen, werden schon beim Speichern abgelehnt', () => {
  it('lehnt einen Parameter ohne Typ mit dem Hinweis auf CAST ab und einen namens format; mit CAST geht der Abruf', async () => {
    const ohneTyp = await mitToken('analyst', '/abfragen', 'POST', { name: 'ohne-typ', sql: 'SELECT $jahr AS j' });
    expect(ohneTyp.status).toBe(400);
    expect(await meldung(ohneTyp)).toContain('CAST($jahr AS INTEGER)');
    const format = await mitToken('analyst', '/abfragen', 'POST', {
      name: 'format-param',
      sql: 'SELECT CAST($format AS VARCHAR) AS f',
    });
    expect(format.status).toBe(400);
    expect(await meldung(format)).toContain('$format');

    const mitCast = await mitToken('analyst', '/abfragen', 'POST', {
      name: 'mit-cast',
      sql: 'SELECT CAST($jahr AS INTEGER) AS j',
    });
    expect(mitCast.status).toBe(201);
    const abruf = await mitToken('analyst', '/abfragen/mit-cast.json?jahr=2026');
    expect(abruf.status).toBe(200);
    expect(await abruf.json()).toEqual({ zeilen: [{ j: 2026 }] });
  });
});

describe('Schlüssel und Schema im Kopf Authorization', () => {
  it('lehnt einen Schlüssel mit weiteren Teilen ab und nimmt das Schema in jeder Schreibweise (RFC 7235)', async () => {
    const k = (await (await mitToken('awo', '/schluessel', 'POST', { name: 'Schreibweise' })).json()) as {
      schluessel: string;
    };
    const abruf = (kopf: Record<string, string>) =>
      fetch(`${s.server.url}/api/v1/schluessel`, { headers: kopf }).then((r) => r.status);
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    expect(await abruf({ 'x-api-key': k.schluessel })).toBe(200);
    expect(await abruf({ 'x-api-key': `${k.schluessel}.anhang` })).toBe(401);
    expect(await abruf({ authorization: `Basic ${b64(`awo-konz:${k.schluessel}.anhang`)}` })).toBe(401);
    expect(await abruf({ authorization: `basic ${b64(`awo-konz:${k.schluessel}`)}` })).toBe(200);
    expect(await abruf({ authorization: `BASIC ${b64(`awo-konz:${k.schluessel}`)}` })).toBe(200);
    expect(await abruf({ authorization: `bearer ${token.awo}` })).toBe(200);
  });
});

describe('API-Schlüssel anderer: nur ein Admin sieht und widerruft sie', () => {
  it('ein Admin listet alle Schlüssel und widerruft den eines Kollegen, danach liest er nicht mehr; ein Träger kann fremde nicht widerrufen', async () => {
    const k = (await (await mitToken('awo', '/schluessel', 'POST', { name: 'verloren' })).json()) as {
      schluessel: string;
      schluesselId: string;
    };
    const mitSchluessel = () =>
      fetch(`${s.server.url}/api/v1/abweichung?jahr=2026&quartal=3`, { headers: { 'x-api-key': k.schluessel } });
    expect((await mitSchluessel()).status).toBe(200);
    const a = (await (await mitToken('analyst', '/schluessel', 'POST', { name: 'eigener' })).json()) as {
      schluesselId: string;
    };
    // others see only their own keys, and cannot revoke another's
    const eigene = (await (await mitToken('analyst', '/schluessel')).json()) as {
      schluessel: Array<{ benutzer: string }>;
    };
    expect(new Set(eigene.schluessel.map((x) => x.benutzer))).toEqual(new Set(['analyst']));
    const fremd = await mitToken('analyst', `/schluessel/${k.schluesselId}`, 'DELETE');
    expect(fremd.status).toBe(404);
    expect(await meldung(fremd)).toContain('dieses Zugangs gibt es nicht');
    const alle = (await (await mitToken('admin', '/schluessel')).json()) as {
      schluessel: Array<{ schluesselId: string; benutzer: string }>;
    };
    expect(alle.schluessel).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ schluesselId: k.schluesselId, benutzer: 'awo-konz' }),
        expect.objectContaining({ schluesselId: a.schluesselId, benutzer: 'analyst' }),
      ]),
    );
    expect((await mitToken('admin', `/schluessel/${k.schluesselId}`, 'DELETE')).status).toBe(204);
    expect((await mitSchluessel()).status).toBe(401);
    expect(await audit(`aktion = 'apischluessel_widerrufen' AND objekt = '${k.schluesselId}'`)).toEqual([
      {
        benutzer: 'admin',
        aktion: 'apischluessel_widerrufen',
        objekt: k.schluesselId,
        details: 'Schlüssel von awo-konz',
      },
    ]);
  });
});

describe('Falsche Schlüssel mit dem Namen eines Kollegen (aus dem Review)', () => {
  it('sperren dessen gültigen Schlüssel nicht, auch wenn sie von derselben Adresse kommen', async () => {
    const { schluessel } = (await (
      await mitToken('jugendamt', '/schluessel', 'POST', { name: 'Power Query' })
    ).json()) as {
      schluessel: string;
    };
    const basic = (geheim: string) => ({
      authorization: `Basic ${Buffer.from(`jugendamt:${geheim}`).toString('base64')}`,
    });
    const abruf = (kopf: Record<string, string>) =>
      fetch(`${s.server.url}/api/v1/verbrauch?jahr=2025`, { headers: kopf });
    expect((await abruf(basic(schluessel))).status).toBe(200);
    const stati: number[] = [];
    for (let i = 0; i < 6; i++) stati.push((await abruf(basic(`srbk_${'f'.repeat(16)}.x${i}`))).status);
    expect(stati).toContain(429);
    expect((await abruf(basic(schluessel))).status).toBe(200);
  });
});

// Last in this file: the flood leaves the address over its limit for the window.
describe('Eine Flut erfundener Schlüssel wartet wie falsche Passwörter', () => {
  it('antwortet nach dem Limit der Adresse mit 429 und einer deutschen Meldung, protokolliert einmal; ein Schlüssel, der von hier schon ging, geht weiter', async () => {
    const k = (await (await mitToken('analyst', '/schluessel', 'POST', { name: 'vor der Flut' })).json()) as {
      schluessel: string;
    };
    const abruf = (kopf: Record<string, string>) =>
      fetch(`${s.server.url}/api/v1/fachcontrolling?jahr=2026&quartal=3`, { headers: kopf });
    expect((await abruf({ 'x-api-key': k.schluessel })).status).toBe(200);
    const flut: number[] = [];
    for (let i = 0; i < 60; i++)
      flut.push((await abruf({ 'x-api-key': `srbk_${String(i).padStart(16, 'c')}.x` })).status);
    const ab = flut.indexOf(429);
    expect(ab).toBeGreaterThan(0);
    expect(flut.slice(0, ab).every((x) => x === 401)).toBe(true);
    expect(flut.slice(ab).every((x) => x === 429)).toBe(true);
    const gebremst = await abruf({ 'x-api-key': 'srbk_dddddddddddddddd.x' });
    expect(gebremst.status).toBe(429);
    expect(await meldung(gebremst)).toMatch(
      /Zu viele fehlgeschlagene Anmeldungen\. Bitte in \d+ Minuten erneut versuchen/,
    );
    const zeilen = await audit("aktion = 'anmeldung_gebremst' AND benutzer LIKE 'srbk_%'");
    expect(zeilen).toHaveLength(1);
    expect(zeilen[0]).toMatchObject({ objekt: '127.0.0.1', details: 'zu viele Fehlversuche' });
    expect((await abruf({ 'x-api-key': k.schluessel })).status).toBe(200);
  });
});
