// The protected copy of `fachcontrolling` an ad-hoc query reads (docs/regeln.md §9): the same rows as the
// view in the caller's scope, small counts and the cells that would give them away NULL, and a column
// `unterdrueckt` naming them per row. An analyst can aggregate it freely: every hidden cell has another
// hidden cell on each of its totals, so sums of what is shown never single one out.
import { FACHCONTROLLING_SCHUTZ, verdeckteFachzellen } from '../abfragen/fachcontrolling_schutz.ts';
import { geschuetzt, kleinsteFallzahl } from '../kleinzahlen/index.ts';
import type { Warehouse } from '../verbindung.ts';
import type { Lesart } from './plan.ts';

/**
 * Creates `${katalog}.main.${name}` (the query's own catalogue) from `quelle` (the view) cut to `bereich`, protected
 * as the county is (and for `eigenerTraeger` as that Träger's answers are).
 */
export async function legeGeschuetztAn(
  wh: Warehouse,
  katalog: string,
  name: string,
  quelle: string,
  bereich: string,
  eigenerTraeger?: string,
): Promise<void> {
  const ziel = `${katalog}.main.${name}`;
  // beside it, not TEMP: the CLI's warehouse is read-only
  const hilfe = `${katalog}.main.kleinzahl_weg`;
  await wh.ausfuehren(
    `CREATE TABLE ${ziel} AS SELECT *, CAST('' AS VARCHAR) AS unterdrueckt FROM ${quelle} WHERE ${bereich}`,
  );
  const plan = FACHCONTROLLING_SCHUTZ;
  const schluessel = ['jahr', 'quartal', 'sozialraum', 'hilfeart'];
  // Protected over the whole county, marked on the rows in scope: the same cells as every other scope hides.
  const zeilen = await wh.abfrage(`SELECT ${[...schluessel, ...plan.anzahlen].join(', ')} FROM ${quelle}`);
  const k = await kleinsteFallzahl(wh);
  const g = geschuetzt(zeilen, await verdeckteFachzellen(wh, zeilen, k, eigenerTraeger), plan, k);
  const weg = g.zeilen.filter((z) => z.unterdrueckt !== '');
  if (weg.length === 0) return;
  await wh.ausfuehren(
    `CREATE TABLE ${hilfe} (jahr INTEGER, quartal INTEGER, sozialraum VARCHAR, hilfeart VARCHAR, unterdrueckt VARCHAR)`,
  );
  try {
    await wh.ausfuehren(
      `INSERT INTO ${hilfe} SELECT * FROM (VALUES ${weg.map((_, i) => `($j${i}, $q${i}, $s${i}, $h${i}, $u${i})`).join(', ')})`,
      Object.fromEntries(
        weg.flatMap((z, i) => [
          [`j${i}`, Number(z.jahr)],
          [`q${i}`, z.quartal === null ? null : Number(z.quartal)],
          [`s${i}`, String(z.sozialraum)],
          [`h${i}`, String(z.hilfeart)],
          [`u${i}`, String(z.unterdrueckt)],
        ]),
      ),
    );
    const treffer =
      'w.jahr = t.jahr AND w.quartal IS NOT DISTINCT FROM t.quartal AND w.sozialraum = t.sozialraum AND w.hilfeart = t.hilfeart';
    const spalten = [...plan.anzahlen, ...Object.keys(plan.jeFall)];
    await wh.ausfuehren(`UPDATE ${ziel} AS t SET unterdrueckt = w.unterdrueckt,
      ${spalten.map((s) => `${s} = CASE WHEN list_contains(string_split(w.unterdrueckt, ', '), '${s}') THEN NULL ELSE t.${s} END`).join(',\n      ')}
      FROM ${hilfe} w WHERE ${treffer}`);
  } finally {
    await wh.ausfuehren(`DROP TABLE IF EXISTS ${hilfe}`);
  }
}

/** The contracts, and the views with one row per contract (as the plan names them, or their scoped copies). */
const FALLTABELLE = /\.main\.(kontrakt|kontrakt_abgleich|befunde)$/;

/**
 * The sandbox's rule for counts an analyst makes (docs/regeln.md §9): a query whose plan aggregates rows
 * and reads the contracts (kontrakt_abgleich, befunde, the exact fachcontrolling) counts cases.
 */
export function zaehltFaelle(l: Lesart): boolean {
  return Boolean(l.aggregiert) && [...l.tabellen].some((t) => FALLTABELLE.test(t));
}

/** In such a result every whole-number column is a possible count: values 1 … k−1 become NULL, and the answer says so. */
export function kleineGanzzahlenVerdeckt<
  E extends { spalten: string[]; zeilen: Record<string, unknown>[]; hinweis?: string },
>(e: E, ganzzahlig: boolean[], k: number): E {
  const spalten = e.spalten.filter((_, i) => ganzzahlig[i]);
  let n = 0;
  const zeilen = e.zeilen.map((z) => {
    const neu = { ...z };
    for (const s of spalten) {
      const w = Number(z[s]);
      if (z[s] !== null && w >= 1 && w < k) {
        neu[s] = null;
        n++;
      }
    }
    return neu;
  });
  if (n === 0) return e;
  return {
    ...e,
    zeilen,
    hinweis: `${n} ganze Zahl${n === 1 ? '' : 'en'} unter ${k} als NULL: die Abfrage zählt Kontrakte oder Fälle (Schutz kleiner Fallzahlen, Einstellung kleinste_fallzahl = ${k}); exakte Fallzahlen hat nur das Controlling des Jugendamts.`,
  };
}
