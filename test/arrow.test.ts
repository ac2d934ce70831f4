// Arrow answers as analysts' tools read them: every column typed from its DuckDB type (money Decimal128
// with the view's scale, years and months Int32, dates Date32, codes plain Utf8), and every cell the same
// as in the JSON answer, to the cent. pyarrow does not install here (no Python registry, no Debian
// package), so the answers are read with apache-arrow's reader; the decimals are decoded from the raw
// 128-bit words by the test itself, not by the writer's code.
import { DataType, DateUnit, tableFromIPC, type Field, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, demoTokens } from './api-helfer.ts';

const ARROW = 'application/vnd.apache.arrow.stream';
let s: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;

beforeAll(async () => {
  s = await demoServer();
  token = await demoTokens(s.server.url, 'jugendamt', 'analyst');
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
): Promise<{ json: Array<Record<string, unknown>>; arrow: Table }> {
  const json = (
    (await (await hole(pfad, 'application/json', init, wer)).json()) as { zeilen: Array<Record<string, unknown>> }
  ).zeilen;
  const antwort = await hole(arrowPfad, ARROW, init, wer);
  expect(antwort.headers.get('content-type')).toBe(ARROW);
  return { json, arrow: tableFromIPC(new Uint8Array(await antwort.arrayBuffer())) };
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

/** A cell of the Arrow answer in the JSON answer's form. */
function zelle(t: Table, spalte: string, zeile: number): unknown {
  const f = t.schema.fields.find((x) => x.name === spalte)!;
  const v = t.getChild(spalte)!;
  if (!v.isValid(zeile)) return null;
  if (DataType.isDecimal(f.type)) {
    // Rows live in batches; find the batch's own buffer.
    let rest = zeile;
    for (const d of v.data) {
      if (rest < d.length)
        return dezimaltext(
          d.values.subarray((d.offset + rest) * 4, (d.offset + rest) * 4 + 4) as Uint32Array,
          f.type.scale,
        );
      rest -= d.length;
    }
  }
  const w: unknown = v.get(zeile);
  if (DataType.isDate(f.type)) return new Date(Number(w)).toISOString().slice(0, 10);
  if (DataType.isInt(f.type) && f.type.bitWidth === 64) return String(w);
  return w;
}

function gleichWieJson(json: Array<Record<string, unknown>>, arrow: Table): void {
  expect(arrow.numRows).toBe(json.length);
  const spalten = arrow.schema.fields.map((f) => f.name);
  if (json.length > 0) expect(spalten).toEqual(Object.keys(json[0]!));
  json.forEach((z, i) => {
    for (const sp of spalten) expect(zelle(arrow, sp, i), `${sp}, Zeile ${i + 1}`).toEqual(z[sp]);
  });
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
    gleichWieJson(verbrauch.json, verbrauch.arrow);

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
    gleichWieJson(abweichung.json, abweichung.arrow);
    expect(abweichung.json.some((z) => z.prognose_version === null)).toBe(true);

    const finanzvolumen = await beide('/finanzvolumen?jahr=2026');
    expect(typen(finanzvolumen.arrow)).toMatchObject({
      jahr: 'i32',
      gesamtfinanzvolumen: 'd(18,2)',
      bruttojahresarbeitszeit: 'd(9,2)',
      fortgeschrieben: 'bool',
    });
    gleichWieJson(finanzvolumen.json, finanzvolumen.arrow);
  }, 120_000);

  it('jede Kennzahlroute: kein Text, wo DuckDB eine Zahl hat, kein Wörterbuch, Werte wie JSON', async () => {
    for (const pfad of [
      '/kontrakte/abgleich',
      '/jahresabrechnung?jahr=2025',
      '/jahresabrechnung/befunde?jahr=2025',
      '/befunde?jahr=2026',
      '/umschichtungen/vorschlag?jahr=2026',
      '/personal/pruefung?jahr=2026',
    ]) {
      const { json, arrow } = await beide(pfad);
      // An empty answer (no open settlement points in 2025) still carries its column types.
      expect(arrow.schema.fields.length, pfad).toBeGreaterThan(0);
      const t = typen(arrow);
      expect(Object.values(t), pfad).not.toContain('dictionary');
      expect(Object.values(t), pfad).not.toContain('f64');
      if ('jahr' in t) expect(t.jahr, `${pfad}: jahr`).toBe('i32');
      gleichWieJson(json, arrow);
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
    gleichWieJson(adhoc.json, adhoc.arrow);
    expect(adhoc.json[0]!.negativ).toBe('-0.05');

    const protokoll = await beide('/sql', {
      method: 'POST',
      body: JSON.stringify({ sql: 'SELECT ladung_id, zeitpunkt, zeilen FROM import_protokoll ORDER BY ladung_id' }),
    });
    expect(typen(protokoll.arrow)).toEqual({ ladung_id: 'i32', zeitpunkt: 'ts_us', zeilen: 'i64' });
    // DuckDB's microseconds survive (the JSON text has them; apache-arrow's builder would keep milliseconds only).
    const mikro = (protokoll.arrow.getChild('zeitpunkt')!.data[0]!.values as BigInt64Array)[0]!;
    const ohneNullen = (t: string) => t.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
    const sekunden = new Date(Number(mikro / 1_000_000n) * 1000).toISOString().slice(0, 19).replace('T', ' ');
    expect(ohneNullen(String(protokoll.json[0]!.zeitpunkt))).toBe(
      ohneNullen(`${sekunden}.${String(mikro % 1_000_000n).padStart(6, '0')}`),
    );

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
    gleichWieJson(gespeichert.json, gespeichert.arrow);
  }, 120_000);

  it('ein leeres Ergebnis trägt trotzdem die Spaltentypen', async () => {
    const r = await hole('/sql', ARROW, {
      method: 'POST',
      body: JSON.stringify({
        sql: 'SELECT jahr, betrag, stichtag FROM abweichung JOIN verbrauch USING (jahr) WHERE jahr = 1900 LIMIT 0',
      }),
    });
    const t = tableFromIPC(new Uint8Array(await r.arrayBuffer()));
    expect(t.numRows).toBe(0);
    expect(typen(t)).toEqual({ jahr: 'i32', betrag: 'd(38,4)', stichtag: 'date32' });
  });
});
