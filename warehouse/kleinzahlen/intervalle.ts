// Bound propagation over a protected table (docs/regeln.md §9): for each hidden cell, bounds that the
// shown cells, the equations and that counts are whole and never negative leave it, in milliseconds.

/** One equation: Σ `plus` = Σ `minus` (cell indices). */
export interface Gleichung {
  plus: number[];
  minus: number[];
}

/** Whole-number bounds of every cell; a shown cell has its value on both sides. */
export interface Schranken {
  min: Float64Array;
  max: Float64Array;
}

/**
 * Bound propagation: every unknown of "Σ plus = Σ minus" lies between what the others' bounds leave,
 * rounded to whole numbers, repeated until nothing moves. The bounds are outer bounds of the reader's
 * knowledge (the true smallest and largest value lie inside): a cell pinned here or kept below k here is
 * known to the reader, the converse needs the exact check (pruefung.ts). Fast: linear in the equations per sweep.
 */
export function propagiere(
  werte: readonly number[],
  gleichungen: readonly Gleichung[],
  unbekannt: (i: number) => boolean,
): Schranken {
  const n = werte.length;
  const min = new Float64Array(n);
  const max = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    min[i] = unbekannt(i) ? 0 : werte[i]!;
    max[i] = unbekannt(i) ? Infinity : werte[i]!;
  }
  const proZelle: number[][] = Array.from({ length: n }, () => []);
  const offen: number[] = [];
  gleichungen.forEach((g, gi) => {
    const zellen = [...g.plus, ...g.minus];
    if (!zellen.some(unbekannt)) return;
    for (const i of zellen) proZelle[i]!.push(gi);
    offen.push(gi);
  });
  const wartet = new Uint8Array(gleichungen.length);
  for (const gi of offen) wartet[gi] = 1;
  // Whole-number rounding can creep a cycle of equations up by one a sweep: a cap keeps the bounds valid
  // (outer) and the time short.
  let schritte = 40 * offen.length;
  while (offen.length > 0 && schritte-- > 0) {
    const gi = offen.shift()!;
    wartet[gi] = 0;
    const g = gleichungen[gi]!;
    // Σ plus − Σ minus = 0: for a cell of `plus`, x = Σ minus − Σ other plus, and for one of `minus` the mirror.
    // a side's bounds, and how many of its upper bounds are open (∞)
    const seite = (zellen: number[]) => {
      let lo = 0;
      let hi = 0;
      let offenOben = 0;
      for (const i of zellen) {
        lo += min[i]!;
        if (max[i] === Infinity) offenOben++;
        else hi += max[i]!;
      }
      return { lo, hi, offenOben };
    };
    const p = seite(g.plus);
    const m = seite(g.minus);
    type Seite = ReturnType<typeof seite>;
    const engeEin = (i: number, ander: Seite, eigen: Seite) => {
      // x_i = (other side) − (own side without i)
      const anderHi = ander.offenOben > 0 ? Infinity : ander.hi;
      const ohneLo = eigen.lo - min[i]!;
      const ohneOffen = eigen.offenOben - (max[i] === Infinity ? 1 : 0);
      const ohneHi = ohneOffen > 0 ? Infinity : eigen.hi - (max[i] === Infinity ? 0 : max[i]!);
      const hi = anderHi === Infinity ? Infinity : Math.floor(anderHi - ohneLo + 1e-9);
      const lo = ohneHi === Infinity ? -Infinity : Math.ceil(ander.lo - ohneHi - 1e-9);
      let enger = false;
      if (hi < max[i]!) {
        max[i] = hi;
        enger = true;
      }
      if (lo > min[i]!) {
        min[i] = lo;
        enger = true;
      }
      if (!enger) return;
      for (const gj of proZelle[i]!)
        if (!wartet[gj] && gj !== gi) {
          wartet[gj] = 1;
          offen.push(gj);
        }
    };
    for (const i of g.plus) if (unbekannt(i)) engeEin(i, m, p);
    for (const i of g.minus) if (unbekannt(i)) engeEin(i, p, m);
  }
  return { min, max };
}
