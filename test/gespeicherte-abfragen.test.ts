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
