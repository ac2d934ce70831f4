import { createRequire } from 'node:module';
import type { DataType, Vector } from 'apache-arrow';
import { istVerdeckt, type Spaltentyp, type Tabelle } from '../../warehouse/index.ts';
import { ApiFehler } from '../fehler.ts';

export const ARROW = 'application/vnd.apache.arrow.stream';

type Arrow = typeof import('apache-arrow');
let geladen: Arrow | undefined;
/**
 * apache-arrow when the first Arrow answer is written, not at the server's start (loading it took 0,2–0,5 s
 * of every start); required, so that alsArrow stays synchronous.
 */
const arrow = (): Arrow => (geladen ??= createRequire(import.meta.url)('apache-arrow'));

/**
 * Arrow IPC stream with each column typed from its DuckDB type: DECIMAL(p,s) as Decimal128(p,s) (exact,
 * so pandas, polars and Power BI read money as numbers, not text), integers in their width, DATE as
 * Date32, TIMESTAMP as microseconds, VARCHAR as plain Utf8 (no dictionary). The values are the rows'
 * JSON values, which DuckDB wrote exactly (decimals and 64-bit integers as text).
 */
export function alsArrow(t: Tabelle): Uint8Array {
  const { Table, tableToIPC } = arrow();
  const vektoren: Record<string, Vector> = {};
  // A value hidden by the small-number protection (docs/regeln.md §9) is null, named in the column `unterdrueckt`.
  t.spalten.forEach((s, i) => {
    vektoren[s] = spalte(
      s,
      t.typen[i] ?? { art: 'text' },
      t.zeilen.map((z) => (istVerdeckt(z[s]) ? null : (z[s] ?? null))),
    );
  });
  return tableToIPC(new Table(vektoren), 'stream');
}

function spalte(name: string, typ: Spaltentyp, werte: unknown[]): Vector {
  const {
    Bool,
    DateDay,
    Decimal,
    Float32,
    Float64,
    TimestampMicrosecond,
    Utf8,
    makeData,
    makeVector,
    vectorFromArray,
  } = arrow();
  const length = werte.length;
  switch (typ.art) {
    case 'dezimal': {
      const data = new Uint32Array(length * 4);
      const leer = fuelle(werte, (w, i) => dezimalWoerter(name, String(w), typ.skala, data, i * 4));
      return makeVector(makeData({ type: new Decimal(typ.skala, typ.genauigkeit, 128), length, data, ...leer }));
    }
    case 'datum': {
      const data = new Int32Array(length);
      const leer = fuelle(werte, (w, i) => {
        data[i] = tageSeit1970(name, String(w));
      });
      return makeVector(makeData({ type: new DateDay(), length, data, ...leer }));
    }
    case 'zeitstempel': {
      const data = new BigInt64Array(length);
      const leer = fuelle(werte, (w, i) => {
        data[i] = mikrosekundenSeit1970(name, String(w));
      });
      return makeVector(makeData({ type: new TimestampMicrosecond(), length, data, ...leer }));
    }
    case 'ganzzahl':
      return vectorFromArray(
        werte.map((w) => (w === null ? null : typ.bits === 64 ? BigInt(String(w)) : Number(w))),
        ganzzahltyp(typ.bits, typ.vorzeichen),
      );
    case 'gleitkomma':
      return vectorFromArray(
        werte.map((w) => (w === null ? null : Number(w))),
        typ.bits === 32 ? new Float32() : new Float64(),
      );
    case 'wahrheitswert':
      return vectorFromArray(
        werte.map((w) => (w === null ? null : w === true)),
        new Bool(),
      );
    case 'text':
      return vectorFromArray(
        werte.map((w) => (w === null ? null : typeof w === 'object' ? JSON.stringify(w) : String(w))),
        new Utf8(),
      );
  }
}

function ganzzahltyp(bits: 8 | 16 | 32 | 64, vorzeichen: boolean): DataType {
  const { Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64 } = arrow();
  switch (bits) {
    case 8:
      return vorzeichen ? new Int8() : new Uint8();
    case 16:
      return vorzeichen ? new Int16() : new Uint16();
    case 32:
      return vorzeichen ? new Int32() : new Uint32();
    case 64:
      return vorzeichen ? new Int64() : new Uint64();
  }
}

/**
 * Decimals, dates and timestamps are written straight into their buffers: apache-arrow's builders take
 * dates and timestamps as JavaScript milliseconds (microseconds lost) and decimals only as raw words.
 * Returns the validity bitmap of the column for makeData.
 */
function fuelle(
  werte: unknown[],
  schreibe: (w: unknown, i: number) => void,
): { nullCount: number; nullBitmap: Uint8Array | null } {
  const gueltig = new Uint8Array(Math.ceil(werte.length / 8));
  let nullCount = 0;
  werte.forEach((w, i) => {
    if (w === null) {
      nullCount++;
      return;
    }
    gueltig[i >> 3]! |= 1 << (i & 7);
    schreibe(w, i);
  });
  return { nullCount, nullBitmap: nullCount > 0 ? gueltig : null };
}

/** "-1234.50" with scale 2 → the unscaled integer -123450 as four little-endian words, two's complement. */
function dezimalWoerter(name: string, text: string, skala: number, ziel: Uint32Array, ab: number): void {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m || (m[3] ?? '').length > skala) throw nichtDarstellbar(name, text, 'Dezimalzahl');
  let wert = BigInt(`${m[1]}${m[2]}${(m[3] ?? '').padEnd(skala, '0')}`);
  if (wert < 0n) wert += 1n << 128n;
  for (let k = 0; k < 4; k++) ziel[ab + k] = Number((wert >> BigInt(32 * k)) & 0xffffffffn);
}

function tageSeit1970(name: string, text: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
  if (!m) throw nichtDarstellbar(name, text, 'Datum');
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

function mikrosekundenSeit1970(name: string, text: string): bigint {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) throw nichtDarstellbar(name, text, 'Zeitstempel');
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return BigInt(ms) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0'));
}

/** Infinite dates and the like have no Arrow value: the caller can still ask for the column as text. */
function nichtDarstellbar(spalte: string, wert: string, art: string): ApiFehler {
  return new ApiFehler(
    'eingabe_ungueltig',
    `Spalte „${spalte}“: Der Wert „${wert}“ ist als Arrow-${art} nicht darstellbar; bitte die Spalte als Text abfragen (CAST(… AS VARCHAR)) oder CSV/JSON wählen.`,
  );
}
