// The protected copy of `fachcontrolling` an ad-hoc query reads (docs/regeln.md §9): the same rows as the
// view in the caller's scope, small counts and the cells that would give them away NULL, and a column
// `unterdrueckt` naming them per row. An analyst can aggregate it freely: every hidden cell has another
// hidden cell on each of its totals, so sums of what is shown never single one out.
import { FACHCONTROLLING_SCHUTZ } from '../abfragen/fachcontrolling.ts';
import { kleinsteFallzahl, schuetze } from '../kleinzahlen/index.ts';
import type { Warehouse } from '../verbindung.ts';

/** Creates `${katalog}.main.${name}` (the query's own catalogue) from `quelle` (the view) cut to `bereich`, protected. */
export async function legeGeschuetztAn(wh: Warehouse, katalog: string, name: string, quelle: string, bereich: string): Promise<void> {
  const ziel = `${katalog}.main.${name}`;
  // beside it, not TEMP: the CLI's warehouse is read-only
  const hilfe = `${katalog}.main.kleinzahl_weg`;
  await wh.ausfuehren(`CREATE TABLE ${ziel} AS SELECT *, CAST('' AS VARCHAR) AS unterdrueckt FROM ${quelle} WHERE ${bereich}`);
  const plan = FACHCONTROLLING_SCHUTZ;
  const schluessel = ['jahr', 'quartal', 'sozialraum', 'hilfeart'];
  const zeilen = await wh.abfrage(`SELECT ${[...schluessel, ...plan.anzahlen].join(', ')} FROM ${ziel}`);
  const g = schuetze(zeilen, plan, await kleinsteFallzahl(wh));
  const weg = g.zeilen.filter((z) => z.unterdrueckt !== '');
  if (weg.length === 0) return;
  await wh.ausfuehren(`CREATE TABLE ${hilfe} (jahr INTEGER, quartal INTEGER, sozialraum VARCHAR, hilfeart VARCHAR, unterdrueckt VARCHAR)`);
  try {
    await wh.ausfuehren(`INSERT INTO ${hilfe} SELECT * FROM (VALUES ${weg.map((_, i) => `($j${i}, $q${i}, $s${i}, $h${i}, $u${i})`).join(', ')})`,
      Object.fromEntries(weg.flatMap((z, i) => [[`j${i}`, Number(z.jahr)], [`q${i}`, z.quartal === null ? null : Number(z.quartal)], [`s${i}`, String(z.sozialraum)], [`h${i}`, String(z.hilfeart)], [`u${i}`, String(z.unterdrueckt)]])));
    const treffer = 'w.jahr = t.jahr AND w.quartal IS NOT DISTINCT FROM t.quartal AND w.sozialraum = t.sozialraum AND w.hilfeart = t.hilfeart';
    const spalten = [...plan.anzahlen, ...Object.keys(plan.jeFall)];
    await wh.ausfuehren(`UPDATE ${ziel} AS t SET unterdrueckt = w.unterdrueckt,
      ${spalten.map((s) => `${s} = CASE WHEN list_contains(string_split(w.unterdrueckt, ', '), '${s}') THEN NULL ELSE t.${s} END`).join(',\n      ')}
      FROM ${hilfe} w WHERE ${treffer}`);
  } finally {
    await wh.ausfuehren(`DROP TABLE IF EXISTS ${hilfe}`);
  }
}
