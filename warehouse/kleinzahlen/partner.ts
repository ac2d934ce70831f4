// Partners of a small cell (docs/regeln.md §9): the cells to hide besides it so that a reader cannot prove
// it below k, found by one linear program instead of one cell at a time. The same for a stock of the year
// before that this year's figures would narrow: the cells to hide so that it keeps its range.
import type { Gleichung } from './intervalle.ts';
import { EPS, highs, Zeilenmatrix } from './loeser.ts';

/** A value a cell must reach in the partners' table: k for a small one, the end of its range for a given stock. */
export interface Ziel {
  zelle: number;
  auf: number;
}

/** What a cell may do in the partners' table. */
export interface Beweglichkeit {
  /** Unknown cells: the range the reader knows them in (default: never negative). */
  spanne(i: number): readonly [number, number] | undefined;
  /** Shown cells: the price per unit they move (hidden then); null: it cannot move (shown by the year before). */
  kosten(i: number): number | null;
}

/**
 * The cheapest change of the table, as the reader could not rule it out, that moves cells to their `ziele`
 * (together: cells far apart, whose changes hardly meet, in one solve instead of one each): the
 * cells it moves are those to hide (the "partners" of statistical offices, found by one linear program
 * rather than one at a time). x = werte + p − q with p, q ≥ 0 and x ≥ 0, every equation held, x_j at its
 * goal for each j; a hidden cell moves freely within its range, a shown one at a price per unit. Tried on the
 * cells within a few equations of j first (the rest held at their values), then further out: small systems
 * solve fast, and where the neighbourhood has no way there, the whole table has (every count scaled up is a
 * solution), unless cells shown by the year before hold it: then null.
 * Returns the shown cells that move and the changed table, a witness for Pruefung.
 */
export function partner(
  werte: readonly number[],
  gleichungen: readonly Gleichung[],
  proZelle: readonly (readonly number[])[],
  ziele: readonly Ziel[],
  unbekannt: (i: number) => boolean,
  beweglich: Beweglichkeit,
): { zellen: number[]; zeuge: Float64Array } | null {
  let vorher = 0;
  for (const weite of [4, Infinity]) {
    const zellen = umgebung(
      gleichungen,
      proZelle,
      ziele.map((z) => z.zelle),
      weite,
    );
    // a small table lies whole within four equations: once is enough
    if (zellen.length === vorher) break;
    vorher = zellen.length;
    const r = hebe(werte, gleichungen, proZelle, zellen, ziele, unbekannt, beweglich);
    if (r) return r;
  }
  return null;
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
  ziele: readonly Ziel[],
  unbekannt: (i: number) => boolean,
  beweglich: Beweglichkeit,
): { zellen: number[]; zeuge: Float64Array } | null {
  // columns: p of each cell (2c), q of each cell (2c + 1); x_i = werte_i + p_i − q_i
  const spalte = new Map(zellen.map((s, c) => [s, c]));
  const m = 2 * zellen.length;
  const colCost = new Float64Array(m);
  const colLower = new Float64Array(m);
  const colUpper = new Float64Array(m);
  zellen.forEach((i, c) => {
    const [unten, oben] = (unbekannt(i) ? beweglich.spanne(i) : undefined) ?? [0, Infinity];
    const preis = unbekannt(i) ? 0 : beweglich.kosten(i);
    colCost[2 * c] = preis ?? 0;
    colCost[2 * c + 1] = preis ?? 0;
    // p up to the range's top, q down to its bottom; a cell without a price stays
    colUpper[2 * c] = preis === null ? 0 : oben === Infinity ? highs.infinity : Math.max(0, oben - werte[i]!);
    colUpper[2 * c + 1] = preis === null ? 0 : Math.max(0, werte[i]! - unten);
  });
  for (const { zelle: j, auf } of ziele) {
    const c = spalte.get(j)!;
    if (auf >= werte[j]!) {
      colLower[2 * c] = auf - werte[j]!;
      colUpper[2 * c + 1] = 0;
    } else {
      colLower[2 * c + 1] = werte[j]! - auf;
      colUpper[2 * c] = 0;
    }
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
