import { DuckDBTypeId, type DuckDBType } from '../duckdb.ts';

/**
 * What a result column holds, read from DuckDB's column type (never guessed from the values), so that
 * every output can keep it: CSV writes numbers with a decimal comma, Arrow writes money as Decimal128
 * with the view's scale, years as Int32, dates as Date32.
 */
export type Spaltentyp =
  | { art: 'dezimal'; genauigkeit: number; skala: number }
  | { art: 'ganzzahl'; bits: 8 | 16 | 32 | 64; vorzeichen: boolean }
  | { art: 'gleitkomma'; bits: 32 | 64 }
  | { art: 'datum' }
  /** TIMESTAMP without time zone, to the microsecond (DuckDB's own resolution). */
  | { art: 'zeitstempel' }
  | { art: 'wahrheitswert' }
  /** VARCHAR, ENUM, and every type without a plain column counterpart (lists, structs, intervals …) as their JSON text. */
  | { art: 'text' };

const GANZZAHLEN: Partial<Record<DuckDBTypeId, { bits: 8 | 16 | 32 | 64; vorzeichen: boolean }>> = {
  [DuckDBTypeId.TINYINT]: { bits: 8, vorzeichen: true },
  [DuckDBTypeId.SMALLINT]: { bits: 16, vorzeichen: true },
  [DuckDBTypeId.INTEGER]: { bits: 32, vorzeichen: true },
  [DuckDBTypeId.BIGINT]: { bits: 64, vorzeichen: true },
  [DuckDBTypeId.UTINYINT]: { bits: 8, vorzeichen: false },
  [DuckDBTypeId.USMALLINT]: { bits: 16, vorzeichen: false },
  [DuckDBTypeId.UINTEGER]: { bits: 32, vorzeichen: false },
  [DuckDBTypeId.UBIGINT]: { bits: 64, vorzeichen: false },
};

export function spaltentyp(t: DuckDBType): Spaltentyp {
  const ganz = GANZZAHLEN[t.typeId];
  if (ganz) return { art: 'ganzzahl', ...ganz };
  switch (t.typeId) {
    case DuckDBTypeId.DECIMAL:
      return { art: 'dezimal', genauigkeit: t.width, skala: t.scale };
    // A 128-bit integer (SUM over INTEGER gives one) has no Arrow integer; DuckDB's own Arrow export
    // writes it as DECIMAL(38,0) too. An unsigned one may need 39 digits, so it stays text.
    case DuckDBTypeId.HUGEINT:
      return { art: 'dezimal', genauigkeit: 38, skala: 0 };
    case DuckDBTypeId.FLOAT:
      return { art: 'gleitkomma', bits: 32 };
    case DuckDBTypeId.DOUBLE:
      return { art: 'gleitkomma', bits: 64 };
    case DuckDBTypeId.DATE:
      return { art: 'datum' };
    case DuckDBTypeId.TIMESTAMP:
      return { art: 'zeitstempel' };
    case DuckDBTypeId.BOOLEAN:
      return { art: 'wahrheitswert' };
    default:
      return { art: 'text' };
  }
}

/** Columns a spreadsheet should read as numbers (and CSV writes with a decimal comma). */
export function istZahl(t: Spaltentyp): boolean {
  return t.art === 'dezimal' || t.art === 'ganzzahl' || t.art === 'gleitkomma';
}
