// Arrow answers as analysts' tools read them: every column typed from its DuckDB type (money Decimal128
// with the view's scale, years and months Int32, dates Date32, codes plain Utf8), and every cell the same
// as in the JSON answer, to the cent. Each answer is read twice: by pyarrow (a reader that is not ours, in a
// python3 child process: test/arrow-pyarrow.py; .ci/run installs it) where it imports, and always by
// apache-arrow's reader, whose decimals and timestamps the test decodes from the raw words itself, not by
// the writer's code. Both readers must report the same column types.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataType, DateUnit, tableFromIPC, type Data, type Field, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istVerdeckt } from '../format/index.ts';
import { demoServer, demoTokens } from './api-helfer.ts';

const ARROW = 'application/vnd.apache.arrow.stream';
const PYARROW = spawnSync('python3', ['-c', 'import pyarrow'], { stdio: 'ignore' }).status === 0;
if (!PYARROW) console.warn('pyarrow fehlt (pip install pyarrow): die Arrow-Antworten liest nur apache-arrow.');
let s: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;

beforeAll(async () => {
  s = await demoServer();
  token = await demoTokens(s.server.url, 'jugendamt', 'analyst', 'awo');
}, 240_000);
afterAll(async () => {
  await s?.weg();
});

async function hole(
  pfad: string,
  accept: string,
  init: RequestInit = {},
  wer = 'jugendamt',
  status = 200,
): Promise<Response> {
  const r = await fetch(`${s.server.url}/api/v1${pfad}`, {
    ...init,
    headers: { authorization: `Bearer ${token[wer]}`, accept, 'content-type': 'application/json' },
  });
  expect(r.status, `${pfad}: ${r.status}`).toBe(status);
  return r;
}

async function beide(
  pfad: string,
  init: RequestInit = {},
  wer = 'jugendamt',
  arrowPfad = pfad,
): Promise<{ json: Array<Record<string, unknown>>; arrow: Table; gelesen: Gelesen[] }> {
  const json = (
    (await (await hole(pfad, 'application/json', init, wer)).json()) as { zeilen: Array<Record<string, unknown>> }
  ).zeilen;
  const antwort = await hole(arrowPfad, ARROW, init, wer);
  expect(antwort.headers.get('content-type')).toBe(ARROW);
  const bytes = new Uint8Array(await antwort.arrayBuffer());
  const arrow = tableFromIPC(bytes);
  const gelesen = [mitApacheArrow(arrow)];
  if (PYARROW) gelesen.push(await mitPyarrow(bytes));
  for (const g of gelesen) expect(g.typen, `${pfad}: Typen laut ${g.leser}`).toEqual(typen(arrow));
  return { json, arrow, gelesen };
}

/** An answer as one reader read it: its column types (short names, see typname) and rows in the JSON answer's form. */
interface Gelesen {
  leser: 'apache-arrow' | 'pyarrow';
  typen: Record<string, string>;
  zeilen: Array<Record<string, unknown>>;
}

/** pyarrow in a child process: the stream on stdin, types and rows as JSON on stdout. */
async function mitPyarrow(bytes: Uint8Array): Promise<Gelesen> {
  const kind = spawn('python3', [join(import.meta.dirname, 'arrow-pyarrow.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
  const aus: Buffer[] = [];
  const fehler: Buffer[] = [];
  kind.stdout.on('data', (b: Buffer) => aus.push(b));
  kind.stderr.on('data', (b: Buffer) => fehler.push(b));
  const ende = new Promise<number | null>((fertig, scheitert) => {
    kind.on('error', scheitert);
    kind.on('close', fertig);
  });
  kind.stdin.end(bytes);
  const code = await ende;
  expect(code, Buffer.concat(fehler).toString()).toBe(0);
  const g = JSON.parse(Buffer.concat(aus).toString()) as Omit<Gelesen, 'leser'>;
  return { leser: 'pyarrow', ...g };
}

function mitApacheArrow(t: Table): Gelesen {
  const spalten = t.schema.fields.map((f) => f.name);
  return {
    leser: 'apache-arrow',
    typen: typen(t),
    zeilen: Array.from({ length: t.numRows }, (_, i) => Object.fromEntries(spalten.map((sp) => [sp, zelle(t, sp, i)]))),
  };
}

/** Arrow type as a short name: d(p,s), i32, i64, date32, ts_us, utf8, bool, f64. */
function typname(f: Field): string {
  const t: DataType = f.type;
  if (DataType.isDecimal(t)) return `d(${t.precision},${t.scale})${t.bitWidth === 128 ? '' : `/${t.bitWidth}`}`;
  if (DataType.isInt(t)) return `${t.isSigned ? 'i' : 'u'}${t.bitWidth}`;
  if (DataType.isDate(t)) return t.unit === DateUnit.DAY ? 'date32' : 'date64';
  if (DataType.isTimestamp(t)) return `ts_${['s', 'ms', 'us', 'ns'][t.unit]}`;
  if (DataType.isUtf8(t)) return 'utf8';
  if (DataType.isBool(t)) return 'bool';
  if (DataType.isFloat(t)) return `f${[16, 32, 64][t.precision]}`;
  if (DataType.isDictionary(t)) return 'dictionary';
  return String(t);
}

/** The decimal's value as exact text, from its four little-endian 32-bit words (two's complement). */
function dezimaltext(woerter: Uint32Array, skala: number): string {
  let v = 0n;
  for (let k = 3; k >= 0; k--) v = (v << 32n) | BigInt(woerter[k]!);
  if (v >= 1n << 127n) v -= 1n << 128n;
  const negativ = v < 0n;
  const ziffern = (negativ ? -v : v).toString().padStart(skala + 1, '0');
  const text = skala === 0 ? ziffern : `${ziffern.slice(0, -skala)}.${ziffern.slice(-skala)}`;
  return negativ ? `-${text}` : text;
}

/** The batch that holds a row, and the row's place in its buffers (rows live in batches). */
function imStapel(daten: readonly Data[], zeile: number): { d: Data; i: number } {
  let rest = zeile;
  for (const d of daten) {
    if (rest < d.length) return { d, i: d.offset + rest };
    rest -= d.length;
  }
  throw new Error(`Zeile ${zeile} fehlt`);
}

/** A cell of the Arrow answer in the JSON answer's form. */
function zelle(t: Table, spalte: string, zeile: number): unknown {
  const f = t.schema.fields.find((x) => x.name === spalte)!;
  const v = t.getChild(spalte)!;
  if (!v.isValid(zeile)) return null;
  if (DataType.isDecimal(f.type)) {
    const { d, i } = imStapel(v.data, zeile);
    return dezimaltext(d.values.subarray(i * 4, i * 4 + 4) as Uint32Array, f.type.scale);
  }
  if (DataType.isTimestamp(f.type)) {
    // DuckDB's microseconds, read from the raw 64-bit words (apache-arrow's get() keeps milliseconds only).
    const { d, i } = imStapel(v.data, zeile);
    const mikro = (d.values as BigInt64Array)[i]!;
    const sekunden = new Date(Number(mikro / 1_000_000n) * 1000).toISOString().slice(0, 19).replace('T', ' ');
    return `${sekunden}.${String(mikro % 1_000_000n).padStart(6, '0')}`;
  }
  const w: unknown = v.get(zeile);
  if (DataType.isDate(f.type)) return new Date(Number(w)).toISOString().slice(0, 10);
  if (DataType.isInt(f.type) && f.type.bitWidth === 64) return String(w);
  return w;
}

/** A timestamp's text without trailing zeros of its fraction (DuckDB's JSON leaves them off). */
const ohneNullen = (t: string) => t.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/**
 * Every reader's rows equal the JSON answer, cell by cell (money to the cent, as exact text); a count the
 * small-number protection hides („<3“ in JSON) has no value in Arrow.
 */
function gleichWieJson(json: Array<Record<string, unknown>>, b: { gelesen: Gelesen[] }): void {
  for (const g of b.gelesen) {
    expect(g.zeilen.length, g.leser).toBe(json.length);
    const spalten = Object.keys(g.typen);
    if (json.length > 0) expect(spalten, g.leser).toEqual(Object.keys(json[0]!));
    json.forEach((z, i) => {
      for (const sp of spalten) {
        const erwartet = istVerdeckt(z[sp]) ? null : z[sp];
        const ist = g.zeilen[i]![sp];
        const ort = `${g.leser}: ${sp}, Zeile ${i + 1}`;
        if (g.typen[sp] === 'ts_us' && ist !== null)
          expect(ohneNullen(String(ist)), ort).toBe(ohneNullen(String(erwartet)));
        else expect(ist, ort).toEqual(erwartet);
      }
    });
  }
}

const typen = (t: Table) => Object.fromEntries(t.schema.fields.map((f) => [f.name, typname(f)]));

describe('Arrow-Antworten mit Spaltentypen aus DuckDB', () => {
  it('Kennzahlen: Geld als Decimal128 mit der Skala der Sicht, Jahr und Monat Int32, Stichtag Date32, Codes Utf8', async () => {
    const verbrauch = await beide('/verbrauch?jahr=2026&gruppe=monat,topf,hilfeart');
    // The figure query rounds the amount once to the cent (DECIMAL(18,2)); Arrow keeps that scale.
    expect(typen(verbrauch.arrow)).toEqual({
      monat: 'i32',
      topf: 'utf8',
      hilfeart: 'utf8',
      stunden: 'd(38,2)',
      betrag: 'd(18,2)',
    });
    gleichWieJson(verbrauch.json, verbrauch);

    const abweichung = await beide('/abweichung?jahr=2026&quartal=3');
    expect(typen(abweichung.arrow)).toMatchObject({
      jahr: 'i32',
      quartal: 'i32',
      stichtag: 'date32',
      sozialraum: 'utf8',
      topf: 'utf8',
      budget: 'd(18,2)',
      hochrechnung: 'd(18,2)',
      abweichung: 'd(18,2)',
      abweichung_prozent: 'd(9,2)',
      status: 'utf8',
      prognose_version: 'i32',
    });
    gleichWieJson(abweichung.json, abweichung);
    expect(abweichung.json.some((z) => z.prognose_version === null)).toBe(true);

    const finanzvolumen = await beide('/finanzvolumen?jahr=2026');
    expect(typen(finanzvolumen.arrow)).toMatchObject({
      jahr: 'i32',
      gesamtfinanzvolumen: 'd(18,2)',
      bruttojahresarbeitszeit: 'd(9,2)',
      fortgeschrieben: 'bool',
    });
    gleichWieJson(finanzvolumen.json, finanzvolumen);
  }, 120_000);

  it('jede Kennzahlroute: kein Text, wo DuckDB eine Zahl hat, kein Wörterbuch, Werte wie JSON', async () => {
    for (const pfad of [
      '/kontrakte/abgleich',
      '/jahresabrechnung?jahr=2025',
      '/jahresabrechnung/befunde?jahr=2025',
      '/befunde?jahr=2026',
      '/umschichtungen/vorschlag?jahr=2026',
      '/personal/pruefung?jahr=2026',
      '/fachcontrolling?jahr=2026&quartal=3',
    ]) {
      const b = await beide(pfad);
      const { json, arrow } = b;
      // An empty answer (no open settlement points in 2025) still carries its column types.
      expect(arrow.schema.fields.length, pfad).toBeGreaterThan(0);
      const t = typen(arrow);
      expect(Object.values(t), pfad).not.toContain('dictionary');
      expect(Object.values(t), pfad).not.toContain('f64');
      if ('jahr' in t) expect(t.jahr, `${pfad}: jahr`).toBe('i32');
      gleichWieJson(json, b);
    }
  }, 120_000);

  it('Ad-hoc-SQL und gespeicherte Abfragen: Typen aus der Abfrage, auch Summen, Zählungen, Zeitstempel und Nullen', async () => {
    const sql = `SELECT jahr, monat, sozialraum, sum(betrag) AS betrag, sum(stunden) AS stunden, count(*) AS buchungen,
      CAST(sum(betrag) AS DOUBLE) AS betrag_double, make_date(jahr, monat, 1) AS monatsanfang, NULL::DECIMAL(18,2) AS leer,
      CAST(-0.05 AS DECIMAL(18,2)) AS negativ, CAST(sum(monat) AS HUGEINT) AS gross
      FROM verbrauch WHERE jahr = 2026 GROUP BY ALL ORDER BY ALL`;
    const init = { method: 'POST', body: JSON.stringify({ sql }) };
    const adhoc = await beide('/sql', init, 'analyst');
    expect(typen(adhoc.arrow)).toEqual({
      jahr: 'i32',
      monat: 'i32',
      sozialraum: 'utf8',
      betrag: 'd(38,4)',
      stunden: 'd(38,2)',
      buchungen: 'i64',
      betrag_double: 'f64',
      monatsanfang: 'date32',
      leer: 'd(18,2)',
      negativ: 'd(18,2)',
      gross: 'd(38,0)',
    });
    gleichWieJson(adhoc.json, adhoc);
    expect(adhoc.json[0]!.negativ).toBe('-0.05');

    const protokoll = await beide('/sql', {
      method: 'POST',
      body: JSON.stringify({ sql: 'SELECT ladung_id, zeitpunkt, zeilen FROM import_protokoll ORDER BY ladung_id' }),
    });
    expect(typen(protokoll.arrow)).toEqual({ ladung_id: 'i32', zeitpunkt: 'ts_us', zeilen: 'i64' });
    // DuckDB's microseconds survive (the JSON text has them; apache-arrow's builder would keep milliseconds only).
    gleichWieJson(protokoll.json, protokoll);
    expect(protokoll.json.some((z) => /\.\d*[1-9]/.test(String(z.zeitpunkt)))).toBe(true);

    await hole(
      '/abfragen',
      'application/json',
      {
        method: 'POST',
        body: JSON.stringify({
          name: 'verbrauch-monate',
          sql: 'SELECT jahr, monat, topf, sum(betrag) AS betrag FROM verbrauch WHERE jahr = $jahr GROUP BY ALL ORDER BY ALL',
        }),
      },
      'analyst',
      201,
    );
    const gespeichert = await beide(
      '/abfragen/verbrauch-monate.json?jahr=2026',
      {},
      'analyst',
      '/abfragen/verbrauch-monate.arrow?jahr=2026',
    );
    expect(typen(gespeichert.arrow)).toEqual({ jahr: 'i32', monat: 'i32', topf: 'utf8', betrag: 'd(38,4)' });
    gleichWieJson(gespeichert.json, gespeichert);
  }, 120_000);

  it('ein leeres Ergebnis trägt trotzdem die Spaltentypen', async () => {
    const r = await hole('/sql', ARROW, {
      method: 'POST',
      body: JSON.stringify({
        sql: 'SELECT jahr, betrag, stichtag FROM abweichung JOIN verbrauch USING (jahr) WHERE jahr = 1900 LIMIT 0',
      }),
    });
    const bytes = new Uint8Array(await r.arrayBuffer());
    const t = tableFromIPC(bytes);
    expect(t.numRows).toBe(0);
    expect(typen(t)).toEqual({ jahr: 'i32', betrag: 'd(38,4)', stichtag: 'date32' });
    if (PYARROW) expect(await mitPyarrow(bytes)).toEqual({ leser: 'pyarrow', typen: typen(t), zeilen: [] });
  });

  it('Fachcontrolling: von und bis als Date32 (JSON und CSV JJJJ-MM-TT), exakt und geschützt, für jede Rolle gleich gelesen', async () => {
    for (const wer of ['jugendamt', 'analyst', 'awo']) {
      for (const pfad of ['/fachcontrolling?jahr=2026&quartal=3', '/fachcontrolling?jahr=2026']) {
        const b = await beide(pfad, {}, wer);
        expect(typen(b.arrow), `${wer} ${pfad}`).toMatchObject({
          jahr: 'i32',
          sozialraum: 'utf8',
          hilfeart: 'utf8',
          von: 'date32',
          bis: 'date32',
        });
        expect(b.json.length, `${wer} ${pfad}`).toBeGreaterThan(0);
        for (const z of b.json) {
          expect(z.von).toMatch(/^2026-\d\d-01$/);
          expect(z.bis).toMatch(/^2026-\d\d-3[01]$/);
        }
        gleichWieJson(b.json, b);
      }
    }
    // The quarter's dates, as JSON text in the CSV of a protected answer (the protection keys its rows by them too).
    const csv = await (await hole('/fachcontrolling?jahr=2026&quartal=3', 'text/csv', {}, 'analyst')).text();
    const [kopf, erste] = csv.replace(/^\uFEFF/, '').split('\n');
    const spalten = kopf!.split(';');
    const felder = erste!.split(';');
    expect([felder[spalten.indexOf('von')], felder[spalten.indexOf('bis')]]).toEqual(['2026-07-01', '2026-09-30']);
    expect(csv).toContain('<3');
  }, 300_000);
});
