import { z } from 'zod';
import type { Warehouse } from '../verbindung.ts';
import { dateiarten } from './vertrag.ts';

/** What the lines of a committed load still need: numbering in file order, and the shifts (zeilennummern.ts). */
export const nummerierung = z.object({
  /** Checked, since the note that keeps it across a kill is a file: only a fact table of the contract. */
  tabelle: z.enum(dateiarten.map((d) => d.tabelle)),
  ladungId: z.number().int(),
  versatz: z.array(z.object({ ab: z.number().int(), versatz: z.number().int() })),
});
export type Nummerierung = z.infer<typeof nummerierung>;

/**
 * Gives the rows of a committed load their lines (docs/regeln.md §7.4), in a transaction of its own right after
 * the load's. Why not in the load's: there the rows are still the transaction's own, already written out to the
 * file (DuckDB writes large inserts ahead of the commit), and updating them rewrote every column of every row at
 * the commit (4–5 s at 10 million rows, a fifth of the load); once committed, the update touches the one column
 * (0,6 s). Row order is file order: both paths insert in file order, which DuckDB keeps while insertion order is
 * preserved (its default, also in parallel), and a load's rows stand one after another (one writer), which a
 * checkpoint's compaction keeps. Every line is computed afresh from the row's place, so doing it twice (a load
 * killed after it, before its note was gone) gives the same lines. A load killed before it is completed on the
 * next opening (abbruch.ts).
 */
export async function nummeriere(wh: Warehouse, { tabelle, ladungId, versatz }: Nummerierung): Promise<void> {
  await wh.transaktion(async () => {
    await wh.ausfuehren(`UPDATE ${tabelle} SET zeile = CAST(rowid - (SELECT min(rowid) FROM ${tabelle} WHERE ladung_id = ${ladungId}) + 2 AS INTEGER)
      WHERE ladung_id = ${ladungId}`);
    if (versatz.length === 0) return;
    // Rows below blank lines or quoted line breaks stand further down.
    const stellen = versatz.map((v, i) => `(${v.ab}, ${versatz[i + 1]?.ab ?? 'NULL'}, ${v.versatz})`).join(', ');
    await wh.ausfuehren(`UPDATE ${tabelle} SET zeile = ${tabelle}.zeile + v.versatz
      FROM (VALUES ${stellen}) v(ab, bis, versatz)
      WHERE ${tabelle}.ladung_id = ${ladungId} AND ${tabelle}.zeile - 2 >= v.ab AND (v.bis IS NULL OR ${tabelle}.zeile - 2 < v.bis)`);
  });
}
