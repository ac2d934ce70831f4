// Which cells of a table of counts must be hidden (docs/regeln.md §9), as linear algebra: the cells are
// variables, every shown total is an equation "total = sum of its parts", and counts are never negative.
// A cell is hidden when it is a small count (primary) or when hiding it keeps a hidden cell from being
// worked out or a small one from being proved small (secondary).
import { propagiere, type Gleichung } from './intervalle.ts';
import { partner, type Beweglichkeit, type Ziel } from './partner.ts';
import { Pruefung, type Befund } from './pruefung.ts';

/**
 * One equation a reader knows: the value of `summe` (with the cells `neben`, e.g. the helps ended in a
 * quarter beside those running at its end) equals the sum of the values of `teile` (cell indices).
 */
export interface Summe {
  summe: number;
  teile: number[];
  neben?: number[];
}

export interface Zellen {
  werte: number[];
  /** false: a cell no table shows (the rest of a split, e.g. ended helps without re-entry): always unknown to the reader. */
  sichtbar: boolean[];
  summen: Summe[];
  /**
   * Cells with a higher rank are hidden besides a small one only when no cell of lower rank will do, and
   * shown again first: the whole year (1) before its quarters (0), so that the year's figures, the ones the
   * steering bodies read, carry as little of the quarters' protection as the equations allow.
   */
  vorrang?: number[];
  /**
   * Cells whose visibility another table decided (the stocks at the end of the year before, as it is served):
   * hidden ones are unknown like a rest (`sichtbar` false), shown ones are never hidden here nor moved by a
   * partner's table.
   */
  vorgegeben?: boolean[];
  /**
   * Of the hidden given cells, the range the reader knows each in from the other table: a bound of the
   * reader's tables here, and one this table must leave whole (else together they tell more than each).
   */
  spannen?: ReadonlyMap<number, readonly [number, number]>;
}

/** The hidden cells, and of those asked for (`spannenFuer`), the range the reader knows each in. */
export interface Verdeckung {
  verdeckt: Set<number>;
  spannen: Map<number, [number, number]>;
}

/** Primary: counts 1 … k−1 (an empty cell names nobody). */
export const klein = (wert: number, k: number) => wert >= 1 && wert < k;

/**
 * The hidden cells (indices of shown cells): every small count, and as few others as this greedy rule
 * finds so that no hidden cell, and no small invisible cell, follows from the shown cells and the
 * equations. First each equation with exactly one unknown gets a second one (the smallest non-empty
 * shown part or total, the „next smallest cell“ of the rule), then an exact check (Gauss–Jordan over
 * the unknowns) catches what several equations together would reveal, until none is left; the largest
 * needless ones are shown again (lichte). Then the interval audit (sichere()) adds what the elimination
 * does not see: that counts are never negative, and the equations with cells beside the total (the flow
 * between quarters), which made the elimination of a county's year too slow.
 */
export function verdecke(z: Zellen, k: number, spannenFuer: readonly number[] = []): Verdeckung {
  return sichere(z, k, verdeckeLinear(z, k), spannenFuer);
}

/** The greedy rule with the elimination, over the equations without cells beside the total. */
function verdeckeLinear(z: Zellen, k: number): Set<number> {
  const n = z.werte.length;
  const verdeckt = new Set<number>();
  const gegeben = (i: number) => z.vorgegeben?.[i] ?? false;
  for (let i = 0; i < n; i++) if (z.sichtbar[i] && !gegeben(i) && klein(z.werte[i]!, k)) verdeckt.add(i);
  const unbekannt = (i: number) => !z.sichtbar[i] || verdeckt.has(i);
  const zuSchuetzen = (i: number) => verdeckt.has(i) || (!z.sichtbar[i] && klein(z.werte[i]!, k));
  // A total without parts (a stock that a missing row shows to be 0) may not hold where a help moved: like the
  // flow, it is for the audit, which takes only equations that hold. So are the stocks of the year before.
  const gleichungen = z.summen
    .filter((s) => !s.neben && s.teile.length > 0 && ![s.summe, ...s.teile].some(gegeben))
    .map((s) => [s.summe, ...s.teile]);
  const proZelle: number[][] = Array.from({ length: n }, () => []);
  gleichungen.forEach((g, gi) => g.forEach((i) => proZelle[i]!.push(gi)));

  /** Hides the best shown cell of these equations: its index, −1 when there is none. */
  const vorrang = (i: number) => z.vorrang?.[i] ?? 0;
  const verdeckeNaechste = (gis: number[]): number => {
    let beste = -1;
    for (const gi of gis) {
      for (const i of gleichungen[gi]!) {
        if (unbekannt(i)) continue;
        const besser =
          beste < 0 ||
          vorrang(i) < vorrang(beste) ||
          (vorrang(i) === vorrang(beste) &&
            (rang(z.werte[i]!) < rang(z.werte[beste]!) || (rang(z.werte[i]!) === rang(z.werte[beste]!) && i < beste)));
        if (besser) beste = i;
      }
    }
    if (beste >= 0) verdeckt.add(beste);
    return beste;
  };

  for (;;) {
    // Cheap rule first: an equation with exactly one unknown reveals it.
    let geaendert = true;
    while (geaendert) {
      geaendert = false;
      gleichungen.forEach((g, gi) => {
        const offen = g.filter(unbekannt);
        if (offen.length === 1 && zuSchuetzen(offen[0]!) && verdeckeNaechste([gi]) >= 0) geaendert = true;
      });
    }
    const erkennbar = bestimmte(gleichungen, n, unbekannt).filter(zuSchuetzen);
    if (erkennbar.length === 0) return lichte();
    // Several equations together reveal a cell: hide one more next to it (or, failing that, anywhere it is
    // tied to). One per revealed cell in a round, unless a cell hidden in this round already sits on one
    // of its equations: a year of the county has hundreds, and each check is an elimination.
    const beruehrt = new Set<number>();
    let weiter = false;
    for (const i of erkennbar) {
      if (proZelle[i]!.some((gi) => beruehrt.has(gi))) continue;
      let neu = verdeckeNaechste(proZelle[i]!);
      if (neu < 0) neu = verdeckeNaechste(gleichungen.map((_, gi) => gi));
      if (neu < 0) continue;
      proZelle[neu]!.forEach((gi) => beruehrt.add(gi));
      weiter = true;
    }
    if (!weiter) return lichte();
  }

  /**
   * The greedy rule hides more than needed, and a hidden 27 reads „<3“ as a hidden 1 does: each cell hidden
   * besides a small one is shown again, the largest first, where the others still keep every small one
   * from being worked out. What readers lose is then mostly small numbers.
   */
  function lichte(): Set<number> {
    const kandidaten = [...verdeckt]
      .filter((i) => !klein(z.werte[i]!, k))
      .sort((a, b) => vorrang(b) - vorrang(a) || z.werte[b]! - z.werte[a]! || a - b);
    let pruefungen = 0;
    for (const i of kandidaten) {
      verdeckt.delete(i);
      const einzeln = proZelle[i]!.some((gi) => {
        const offen = gleichungen[gi]!.filter(unbekannt);
        return offen.length === 1 && zuSchuetzen(offen[0]!);
      });
      // Each exact check is an elimination: the largest cells first, at most HOECHSTENS_GELICHTET, and only in
      // systems of a Träger's or Sozialraum's size (a year of the county takes a second per check).
      const gs = einzeln ? [] : verbund(i);
      const gross = new Set(gs.flat().filter(unbekannt)).size > HOECHSTENS_UNBEKANNTE;
      if (einzeln || gross || pruefungen++ >= HOECHSTENS_GELICHTET || bestimmte(gs, n, unbekannt).some(zuSchuetzen))
        verdeckt.add(i);
    }
    return verdeckt;
  }

  /** The equations tied to cell i through unknown cells: only there can showing i reveal anything. */
  function verbund(i: number): number[][] {
    const gesehen = new Set<number>();
    const offen = [i];
    const zellen = new Set(offen);
    while (offen.length > 0)
      for (const gi of proZelle[offen.pop()!]!) {
        if (gesehen.has(gi)) continue;
        gesehen.add(gi);
        for (const j of gleichungen[gi]!)
          if (unbekannt(j) && !zellen.has(j)) {
            zellen.add(j);
            offen.push(j);
          }
      }
    return [...gesehen].sort((a, b) => a - b).map((gi) => gleichungen[gi]!);
  }
}

/**
 * The interval audit (pruefung.ts) of the hidden cells, with every equation that holds in the true table and
 * that counts are never negative, and what it demands: a small cell (hidden, or a rest no table shows) the
 * reader can prove below k gets partners (partner.ts: the cheapest table the reader cannot rule out that
 * lifts it to k; the shown cells it changes are hidden, and it is their witness); a cell hidden besides a
 * small one that the reader can pin protects nothing and is shown again. Bound propagation finds most of
 * this in milliseconds; the linear programs answer the rest. Until none is left.
 */
function sichere(z: Zellen, k: number, verdeckt: Set<number>, spannenFuer: readonly number[]): Verdeckung {
  const n = z.werte.length;
  // Only equations that hold in the true table: one that holds for most rows but not this one (a case with
  // two contracts, a help that moved) gives a reader who assumes it a wrong value, and no table would
  // satisfy them all.
  const gleichungen: Gleichung[] = z.summen
    .map((s) => ({ plus: [s.summe, ...(s.neben ?? [])], minus: s.teile }))
    .filter((g) => summe(z.werte, g.plus) === summe(z.werte, g.minus));
  const proZelle: number[][] = Array.from({ length: n }, () => []);
  gleichungen.forEach((g, gi) => [...g.plus, ...g.minus].forEach((i) => proZelle[i]!.push(gi)));
  const unbekannt = (i: number) => !z.sichtbar[i] || verdeckt.has(i);
  const gegeben = (i: number) => z.vorgegeben?.[i] ?? false;
  const spannen = z.spannen ?? new Map<number, readonly [number, number]>();
  const istKlein = (i: number) => !gegeben(i) && klein(z.werte[i]!, k);
  // Given stocks whose range this table narrows whatever it hides (a row missing in the first quarter says
  // nothing ran at the end of the year before): nothing here can give it back.
  const verloren = new Set<number>();
  const fragen = () =>
    [...Array(n).keys()].filter(
      (i) => verdeckt.has(i) || (!z.sichtbar[i] && (istKlein(i) || (spannen.has(i) && !verloren.has(i)))),
    );
  // What hiding a shown cell costs its readers, per unit it moves in the partners' table: a quarter's cell
  // less than the year's, a small count less than a large one (the „next smallest cell“ of the rule). A cell
  // the year before shows cannot move.
  const beweglich: Beweglichkeit = {
    spanne: (i) => spannen.get(i),
    kosten: (i) => (gegeben(i) ? null : (1 + 9 * (z.vorrang?.[i] ?? 0)) * (2 + Math.min(z.werte[i]!, 50))),
  };
  const pruefung = new Pruefung(z.werte, gleichungen, k, spannen);
  const fertig = (): Verdeckung => {
    pruefung.gueltig(unbekannt);
    const aus = new Map<number, [number, number]>();
    for (const i of spannenFuer) if (unbekannt(i)) aus.set(i, pruefung.spanne(i));
    return { verdeckt, spannen: aus };
  };
  // Nothing more to hide here: every count of this table hidden.
  const alles = () => {
    for (let i = 0; i < n; i++) if (z.sichtbar[i] && !gegeben(i)) verdeckt.add(i);
    return fertig();
  };
  for (let runde = 1; ; runde++) {
    // Bound propagation does not know the ranges of given stocks: it asks only the others (its bounds are
    // outer ones of a reader who knows less).
    const s = propagiere(z.werte, gleichungen, unbekannt);
    let b: Befund = {
      klein: fragen().filter((i) => istKlein(i) && s.max[i]! < k),
      fest: fragen().filter((i) => !istKlein(i) && !spannen.has(i) && s.min[i] === s.max[i]),
      eng: [],
    };
    if (b.klein.length + b.fest.length === 0) b = pruefung.befund(unbekannt, fragen());
    if (b.klein.length + b.fest.length + b.eng.length === 0) return fertig();
    // A partner's table may move a cell by a fraction only (the program's solutions need not be whole): in
    // the last round such a cell stays hidden, not to go round in circles.
    if (runde < HOECHSTENS_RUNDEN) for (const i of b.fest) verdeckt.delete(i);
    else if (b.klein.length === 0) return fertig();
    // Not cleared within the rounds (never seen): every count of the table is hidden, which no reader can
    // work anything out of, rather than an answer that could name a family or no answer at all.
    else return alles();
    pruefung.gueltig(unbekannt);
    // Small cells that share no equation are lifted in one solve (a county's year has hundreds): their
    // partners hardly meet. Hiding only adds tables the reader cannot rule out, so each solve's table stays
    // a witness, and may answer cells still waiting.
    let offen: Ziel[] = [
      ...b.klein.filter((j) => !pruefung.beantwortet(j)).map((j) => ({ zelle: j, auf: k })),
      // a given stock to each end of its range that this table cuts off (one at a time: they share equations)
      ...b.eng,
    ];
    let einzeln = false;
    while (offen.length > 0) {
      const beruehrt = new Set<number>();
      const zusammen = offen.filter(({ zelle: j }, i) => {
        if (proZelle[j]!.some((gi) => beruehrt.has(gi)) || (einzeln && i > 0)) return false;
        proZelle[j]!.forEach((gi) => beruehrt.add(gi));
        return true;
      });
      const p = partner(z.werte, gleichungen, proZelle, zusammen, unbekannt, beweglich);
      if (!p && zusammen.length > 1) {
        // one of them has no way there: each on its own, to find which
        einzeln = true;
        continue;
      }
      if (!p) {
        // Cells shown by the year before hold it: a small cell of this table is then hidden with all
        // others; a given stock is lost (regeln.md §9).
        if (!gegeben(zusammen[0]!.zelle)) return alles();
        for (const ziel of zusammen) verloren.add(ziel.zelle);
        offen = offen.filter((ziel) => !zusammen.includes(ziel));
        continue;
      }
      for (const i of p.zellen) verdeckt.add(i);
      pruefung.bezeuge(p.zeuge);
      offen = offen.filter((ziel) => !zusammen.includes(ziel) && !pruefung.beantwortet(ziel.zelle));
    }
  }
}

const summe = (werte: readonly number[], zellen: readonly number[]) => zellen.reduce((s, i) => s + werte[i]!, 0);

/** Rounds of audit and partners; more than two are rare (partners moved by a fraction). */
const HOECHSTENS_RUNDEN = 6;

/** Cells hidden besides a small one that are checked for showing again, per table. */
const HOECHSTENS_GELICHTET = 60;
/** Unknown cells of a system above which no cell is shown again (a Sozialraum's year has about 250). */
const HOECHSTENS_UNBEKANNTE = 400;

/** Order of preference for a secondary cell: the smallest non-empty count, empty cells last. */
const rang = (wert: number) => (wert === 0 ? Number.MAX_SAFE_INTEGER : wert);

/**
 * The unknown cells that the equations determine, whatever the values: cell j is determined exactly
 * when e_j lies in the row space of the equations restricted to the unknowns (Gauss–Jordan).
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

// Gauss–Jordan in floating point with partial pivoting, touching only the pivot row's non-zero entries:
// the matrices are sparse with entries 0, ±1, and a year of the county has a thousand unknowns, where
// exact integer elimination grew its numbers past 2^53 (wrong answers) and took minutes.
const NULL = 1e-9;

function bestimmteIn(gleichungen: number[][], unbekannt: (i: number) => boolean): number[] {
  const spalten = [...new Set(gleichungen.flat().filter(unbekannt))].sort((a, b) => a - b);
  const index = new Map(spalten.map((s, j) => [s, j]));
  const zeilen: Float64Array[] = [];
  for (const g of gleichungen) {
    const z = new Float64Array(spalten.length);
    // summe − Σ teile = 0: the total with +1, its parts with −1
    g.forEach((i, pos) => {
      const j = index.get(i);
      if (j !== undefined) z[j]! += pos === 0 ? 1 : -1;
    });
    if (z.some((x) => x !== 0)) zeilen.push(z);
  }
  // Non-zeros per row: of the rows that can take a pivot, the sparsest does (little fill-in), where its entry
  // is not much smaller than the column's largest (stable enough for entries of 0, ±1).
  const nnz = zeilen.map((z) => z.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0));
  const pivots: number[] = [];
  let r = 0;
  for (let j = 0; j < spalten.length && r < zeilen.length; j++) {
    let groesste = 0;
    for (let i = r; i < zeilen.length; i++) groesste = Math.max(groesste, Math.abs(zeilen[i]![j]!));
    if (groesste <= NULL) continue;
    let p = -1;
    for (let i = r; i < zeilen.length; i++)
      if (Math.abs(zeilen[i]![j]!) >= groesste / 4 && (p < 0 || nnz[i]! < nnz[p]!)) p = i;
    [zeilen[r], zeilen[p]] = [zeilen[p]!, zeilen[r]!];
    [nnz[r], nnz[p]] = [nnz[p]!, nnz[r]!];
    const pz = zeilen[r]!;
    const a = pz[j]!;
    const nz: number[] = [];
    for (let c = 0; c < pz.length; c++) {
      if (Math.abs(pz[c]!) <= NULL) pz[c] = 0;
      else {
        pz[c] = pz[c]! / a;
        nz.push(c);
      }
    }
    nnz[r] = nz.length;
    for (let i = 0; i < zeilen.length; i++) {
      const zi = zeilen[i]!;
      const f = zi[j]!;
      if (i === r || f === 0) continue;
      for (const c of nz) {
        const vorher = zi[c]!;
        const nachher = c === j || Math.abs(vorher - f * pz[c]!) <= NULL ? 0 : vorher - f * pz[c]!;
        zi[c] = nachher;
        nnz[i]! += (nachher !== 0 ? 1 : 0) - (vorher !== 0 ? 1 : 0);
      }
    }
    pivots.push(j);
    r++;
  }
  const bestimmt: number[] = [];
  pivots.forEach((j, zi) => {
    if (zeilen[zi]!.every((x, c) => c === j || Math.abs(x) <= NULL)) bestimmt.push(spalten[j]!);
  });
  return bestimmt;
}
