// Which cells of a table of counts must be hidden (docs/regeln.md §9), as linear algebra: the cells are
// variables, every shown total is an equation "total = sum of its parts". A cell is hidden when it is a
// small count (primary) or when hiding it keeps a hidden cell from being worked out (secondary).

/** One equation a reader knows: the value of `summe` equals the sum of the values of `teile` (cell indices). */
export interface Summe {
  summe: number;
  teile: number[];
}

export interface Zellen {
  werte: number[];
  /** false: a cell no table shows (the rest of a split, e.g. ended helps without re-entry): always unknown to the reader. */
  sichtbar: boolean[];
  summen: Summe[];
}

/** Primary: counts 1 … k−1 (an empty cell names nobody). */
export const klein = (wert: number, k: number) => wert >= 1 && wert < k;

/**
 * The hidden cells (indices of shown cells): every small count, and as few others as this greedy rule
 * finds so that no hidden cell, and no small invisible cell, follows from the shown cells and the
 * equations. First each equation with exactly one unknown gets a second one (the smallest non-empty
 * shown part or total, the „next smallest cell“ of the rule), then an exact check (Gauss–Jordan over
 * the unknowns) catches what several equations together would reveal, until none is left.
 */
export function verdecke(z: Zellen, k: number): Set<number> {
  const n = z.werte.length;
  const verdeckt = new Set<number>();
  for (let i = 0; i < n; i++) if (z.sichtbar[i] && klein(z.werte[i]!, k)) verdeckt.add(i);
  const unbekannt = (i: number) => !z.sichtbar[i] || verdeckt.has(i);
  const zuSchuetzen = (i: number) => verdeckt.has(i) || (!z.sichtbar[i] && klein(z.werte[i]!, k));
  const gleichungen = z.summen.map((s) => [s.summe, ...s.teile]);
  const proZelle: number[][] = Array.from({ length: n }, () => []);
  gleichungen.forEach((g, gi) => g.forEach((i) => proZelle[i]!.push(gi)));

  /** Hides the best shown cell of these equations; false when there is none. */
  const verdeckeNaechste = (gis: number[]): boolean => {
    let beste = -1;
    for (const gi of gis) {
      for (const i of gleichungen[gi]!) {
        if (unbekannt(i)) continue;
        if (
          beste < 0 ||
          rang(z.werte[i]!) < rang(z.werte[beste]!) ||
          (rang(z.werte[i]!) === rang(z.werte[beste]!) && i < beste)
        )
          beste = i;
      }
    }
    if (beste < 0) return false;
    verdeckt.add(beste);
    return true;
  };

  for (;;) {
    // Cheap rule first: an equation with exactly one unknown reveals it.
    let geaendert = true;
    while (geaendert) {
      geaendert = false;
      gleichungen.forEach((g, gi) => {
        const offen = g.filter(unbekannt);
        if (offen.length === 1 && zuSchuetzen(offen[0]!) && verdeckeNaechste([gi])) geaendert = true;
      });
    }
    const erkennbar = bestimmte(gleichungen, n, unbekannt).filter(zuSchuetzen);
    if (erkennbar.length === 0) return verdeckt;
    // Several equations together reveal a cell: hide one more next to it (or, failing that, anywhere it is tied to).
    const i = erkennbar[0]!;
    if (!verdeckeNaechste(proZelle[i]!) && !verdeckeNaechste(gleichungen.map((_, gi) => gi))) return verdeckt;
  }
}

/** Order of preference for a secondary cell: the smallest non-empty count, empty cells last. */
const rang = (wert: number) => (wert === 0 ? Number.MAX_SAFE_INTEGER : wert);

/**
 * The unknown cells that the equations determine, whatever the values: cell j is determined exactly
 * when e_j lies in the row space of the equations restricted to the unknowns (Gauss–Jordan, integers).
 */
export function bestimmte(gleichungen: number[][], n: number, unbekannt: (i: number) => boolean): number[] {
  // Equations that share no unknown are independent: eliminate each group on its own (far smaller matrices).
  const wurzel = [...Array(n).keys()];
  const finde = (i: number): number => (wurzel[i] === i ? i : (wurzel[i] = finde(wurzel[i]!)));
  const gruppeVon = gleichungen.map((g) => {
    const offen = g.filter(unbekannt);
    for (const i of offen.slice(1)) wurzel[finde(i)] = finde(offen[0]!);
    return offen;
  });
  const gruppen = new Map<number, number[][]>();
  gruppeVon.forEach((offen, gi) => {
    if (offen.length === 0) return;
    const w = finde(offen[0]!);
    gruppen.set(w, [...(gruppen.get(w) ?? []), gleichungen[gi]!]);
  });
  const bestimmt: number[] = [];
  for (const gs of gruppen.values()) bestimmt.push(...bestimmteIn(gs, unbekannt));
  return bestimmt.sort((a, b) => a - b);
}

function bestimmteIn(gleichungen: number[][], unbekannt: (i: number) => boolean): number[] {
  const spalten = [...new Set(gleichungen.flat().filter(unbekannt))].sort((a, b) => a - b);
  const index = new Map(spalten.map((s, j) => [s, j]));
  const zeilen: number[][] = [];
  for (const g of gleichungen) {
    const z = new Array<number>(spalten.length).fill(0);
    // summe − Σ teile = 0: the total with +1, its parts with −1
    g.forEach((i, pos) => {
      const j = index.get(i);
      if (j !== undefined) z[j]! += pos === 0 ? 1 : -1;
    });
    if (z.some((x) => x !== 0)) zeilen.push(z);
  }
  const pivots: number[] = [];
  let r = 0;
  for (let j = 0; j < spalten.length && r < zeilen.length; j++) {
    const p = zeilen.findIndex((z, i) => i >= r && z[j] !== 0);
    if (p < 0) continue;
    [zeilen[r], zeilen[p]] = [zeilen[p]!, zeilen[r]!];
    const pz = zeilen[r]!;
    for (let i = 0; i < zeilen.length; i++) {
      if (i === r || zeilen[i]![j] === 0) continue;
      const a = pz[j]!;
      const b = zeilen[i]![j]!;
      zeilen[i] = kuerze(zeilen[i]!.map((x, c) => x * a - pz[c]! * b));
    }
    pivots.push(j);
    r++;
  }
  const bestimmt: number[] = [];
  pivots.forEach((j, zi) => {
    if (zeilen[zi]!.every((x, c) => c === j || x === 0)) bestimmt.push(spalten[j]!);
  });
  return bestimmt;
}

function kuerze(z: number[]): number[] {
  let g = 0;
  for (const x of z) g = ggt(g, Math.abs(x));
  return g > 1 ? z.map((x) => x / g) : z;
}

function ggt(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
