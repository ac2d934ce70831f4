// Partners of a small cell (docs/regeln.md §9): the cells to hide besides it so that a reader cannot prove
// it below k, found by one linear program instead of one cell at a time.
import type { Gleichung } from './intervalle.ts';
import { EPS, highs, Zeilenmatrix } from './loeser.ts';

/**
 * The cheapest change of the table, as the reader could not rule it out, that lifts small cells `kleine` to k
 * (together: cells far apart, whose changes hardly meet, in one solve instead of one each): the
 * cells it moves are those to hide (the "partners" of statistical offices, found by one linear program
 * rather than one at a time). x = werte + p − q with p, q ≥ 0 and x ≥ 0, every equation held, x_j ≥ k for each j;
 * a hidden cell moves freely, a shown one at `kosten(i)` per unit. Tried on the cells within a few
 * equations of j first (the rest held at their values), then further out: small systems solve fast,
 * and where the neighbourhood has no way up, the whole table has (every count scaled up is a solution).
 * Returns the shown cells that move and the changed table, a witness for Pruefung.
 */
export function partner(
  werte: readonly number[],
  gleichungen: readonly Gleichung[],
  proZelle: readonly (readonly number[])[],
  kleine: readonly number[],
  k: number,
  unbekannt: (i: number) => boolean,
  kosten: (i: number) => number,
): { zellen: number[]; zeuge: Float64Array } {
  let vorher = 0;
  for (const weite of [4, Infinity]) {
    const zellen = umgebung(gleichungen, proZelle, kleine, weite);
    // a small table lies whole within four equations: once is enough
    if (zellen.length === vorher) break;
    vorher = zellen.length;
    const r = hebe(werte, gleichungen, proZelle, zellen, kleine, k, unbekannt, kosten);
    if (r) return r;
  }
  throw new Error(`Kleinzahlschutz: keine Änderung der Tabelle hebt die kleinen Zellen ${kleine.join(', ')} auf ${k}.`);
}

/** The cells within `weite` equations of the cells `start`. */
function umgebung(
  gleichungen: readonly Gleichung[],
  proZelle: readonly (readonly number[])[],
  start: readonly number[],
  weite: number,
): number[] {
  const gesehen = new Set(start);
  const gesehenG = new Set<number>();
  let rand = [...start];
  for (let s = 0; s < weite && rand.length > 0; s++) {
    const weiter: number[] = [];
    for (const c of rand)
      for (const gi of proZelle[c]!) {
        if (gesehenG.has(gi)) continue;
        gesehenG.add(gi);
        for (const i of [...gleichungen[gi]!.plus, ...gleichungen[gi]!.minus])
          if (!gesehen.has(i)) {
            gesehen.add(i);
            weiter.push(i);
          }
      }
    rand = weiter;
  }
  return [...gesehen].sort((a, b) => a - b);
}

function hebe(
  werte: readonly number[],
  gleichungen: readonly Gleichung[],
  proZelle: readonly (readonly number[])[],
  zellen: number[],
  kleine: readonly number[],
  k: number,
  unbekannt: (i: number) => boolean,
  kosten: (i: number) => number,
): { zellen: number[]; zeuge: Float64Array } | null {
  // columns: p of each cell (2c), q of each cell (2c + 1); x_i = werte_i + p_i − q_i
  const spalte = new Map(zellen.map((s, c) => [s, c]));
  const m = 2 * zellen.length;
  const colCost = new Float64Array(m);
  const colLower = new Float64Array(m);
  const colUpper = new Float64Array(m);
  zellen.forEach((i, c) => {
    const preis = unbekannt(i) ? 0 : kosten(i);
    colCost[2 * c] = preis;
    colCost[2 * c + 1] = preis;
    colUpper[2 * c] = highs.infinity;
    colUpper[2 * c + 1] = werte[i]!;
  });
  for (const j of kleine) {
    colLower[2 * spalte.get(j)!] = k - werte[j]!;
    colUpper[2 * spalte.get(j)! + 1] = 0;
  }
  const zeilen = [...new Set(zellen.flatMap((i) => proZelle[i]!))].sort((a, b) => a - b);
  const matrix = new Zeilenmatrix();
  for (const gi of zeilen) {
    const koeff = new Map<number, number>();
    const g = gleichungen[gi]!;
    // cells outside the neighbourhood keep their values: they drop out of A(p − q) = 0
    for (const [i, c] of [...g.plus.map((i) => [i, 1] as const), ...g.minus.map((i) => [i, -1] as const)]) {
      const s = spalte.get(i);
      if (s !== undefined) koeff.set(s, (koeff.get(s) ?? 0) + c);
    }
    for (const [s, c] of [...koeff].sort((a, b) => a[0] - b[0]))
      if (c !== 0) {
        matrix.eintrag(2 * s, c);
        matrix.eintrag(2 * s + 1, -c);
      }
    matrix.zeileFertig();
  }
  // indices must ascend within a row: p (2s) before q (2s + 1), and s ascending
  return highs.withModel(
    {
      numCols: m,
      numRows: zeilen.length,
      colCost,
      colLower,
      colUpper,
      rowLower: new Float64Array(zeilen.length),
      rowUpper: new Float64Array(zeilen.length),
      matrix: matrix.fuer(m),
    },
    (modell) => {
      modell.options.set({ output_flag: false });
      modell.run();
      if (modell.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
      const x = modell.getSolution().colValue;
      const zeuge = Float64Array.from(werte);
      const bewegt: number[] = [];
      zellen.forEach((i, c) => {
        const d = x[2 * c]! - x[2 * c + 1]!;
        zeuge[i] = werte[i]! + d;
        if (!unbekannt(i) && Math.abs(d) > EPS) bewegt.push(i);
      });
      return { zellen: bewegt, zeuge };
    },
  );
}
