import { z } from 'zod';
import { sqlDatei } from '../sql.ts';
import type { Warehouse, Zeile } from '../verbindung.ts';
import { abhaengigkeiten, type Aenderungsart } from './abhaengigkeit.ts';
import { istZahl, spaltentyp, type Spaltentyp } from '../ausgabe/spaltentyp.ts';
import { KENNZAHLZEILEN, type KennzahlZeile, type Kennzahlname } from './zeilen.ts';

/**
 * A result with what a client needs to render it: column names, which are numbers, each column's type,
 * the rows (of a named figure: as its schema declares them, see zeilen.ts).
 */
export interface Tabelle<Z = Zeile> {
  spalten: string[];
  zahlen: boolean[];
  typen: Spaltentyp[];
  zeilen: Z[];
}

const sql = (name: string) => sqlDatei(import.meta.url, name);

/**
 * Runs a named query of this folder and parses its rows with the figure's schema (zeilen.ts), so the
 * rows are of the type the schema declares, checked, not claimed. `bereich` is the caller's scope as an
 * SQL predicate over the view's columns (built by the API from the user's role, never from request text).
 */
export async function kennzahl<N extends Kennzahlname>(
  wh: Warehouse,
  name: N,
  parameter: Record<string, string | number | null>,
  bereich: string,
  ersetzungen: Record<string, string> = {},
): Promise<Tabelle<KennzahlZeile<N>>> {
  const t = await bereichsabfrage(wh, sql(name), parameter, bereich, ersetzungen);
  return { ...t, zeilen: nachSchema(KENNZAHLZEILEN[name], t.zeilen, name) };
}

/** Rows read as the schema says; a row that does not fit is a fault of the query or its schema, never of the caller. */
export function nachSchema<T>(schema: z.ZodType<T>, zeilen: readonly Zeile[], name: string): T[] {
  const r = z.array(schema).safeParse(zeilen);
  if (!r.success) throw new Error(`Die Zeilen von ${name} passen nicht zu ihrem Schema: ${z.prettifyError(r.error)}`);
  return r.data;
}

/** Which kinds of write can change what `kennzahl` answers with these parts (for caches of its answers). */
export async function abhaengigkeitenDerKennzahl(
  wh: Warehouse,
  name: Kennzahlname,
  bereich: string,
  ersetzungen: Record<string, string> = {},
): Promise<Aenderungsart[]> {
  return await abhaengigkeiten(wh, mitTeilen(sql(name), bereich, ersetzungen));
}

/** The query text with its `{{bereich}}` predicate and the other checked `{{…}}` parts filled in. */
function mitTeilen(abfrage: string, bereich: string, ersetzungen: Record<string, string>): string {
  let text = abfrage.replaceAll('{{bereich}}', bereich);
  for (const [k, v] of Object.entries(ersetzungen)) text = text.replaceAll(`{{${k}}}`, v);
  return text;
}

/** Runs query text with a `{{bereich}}` predicate (and other checked `{{…}}` parts) and the parameters it names. */
export async function bereichsabfrage(
  wh: Warehouse,
  abfrage: string,
  parameter: Record<string, string | number | null>,
  bereich: string,
  ersetzungen: Record<string, string> = {},
): Promise<Tabelle> {
  const text = mitTeilen(abfrage, bereich, ersetzungen);
  const benutzt = Object.fromEntries(Object.entries(parameter).filter(([k]) => text.includes(`$${k}`)));
  const leser = await wh.belegt(() => wh.verbindung.runAndReadAll(text, benutzt));
  const typen = leser.columnTypes().map(spaltentyp);
  return {
    spalten: leser.columnNames(),
    zahlen: typen.map(istZahl),
    typen,
    zeilen: leser.getRowObjectsJson() as Zeile[],
  };
}
