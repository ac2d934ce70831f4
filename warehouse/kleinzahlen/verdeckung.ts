// Which cells of a table of counts must be hidden (docs/regeln.md §9): the cells are variables, every shown
// total is an equation "total = sum of its parts", and counts are whole and never negative. A cell is hidden
// when it is a small count (primary) or when hiding it keeps the reader from proving a small cell below k
// or pinning a hidden one to its value (secondary).
import { partner, Pruefung, type Gleichung } from './intervalle.ts';

/**
 * One equation a reader knows: the value of `summe` (with the cells `neben`, e.g. the helps ended beside
 * those running at a quarter's end) equals the sum of the values of `teile` (cell indices).
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
}

/** Primary: counts 1 … k−1 (an empty cell names nobody). */
export const klein = (wert: number, k: number) => wert >= 1 && wert < k;

/**
 * The hidden cells (indices of shown cells): every small count, and as few others as this rule finds so that
 * a reader who knows the shown cells, every equation and that counts are whole and never negative can
 * neither prove a small cell (hidden, or a rest no table shows) below k nor pin a hidden cell to one value
 * (the interval audit, intervalle.ts). For each small cell not yet lifted to k by a table the reader cannot
 * rule out, the cheapest such table is found (partner()) and the shown cells it changes are hidden: they
 * move in it, so none of them is pinned. The audit then checks every hidden cell; one pinned anyway
 * (fractional solutions) protects nothing and is shown again.
 */
export function verdecke(z: Zellen, k: number): Set<number> {
  const n = z.werte.length;
  // Only equations that hold in the true table: one that holds for most rows but not this one (a case with
  // two contracts, a help that moved) gives a reader who assumes it a wrong value, and no table would
  // satisfy them all.
  const gleichungen: Gleichung[] = z.summen
    .map((s) => ({ plus: [s.summe, ...(s.neben ?? [])], minus: s.teile }))
    .filter((g) => summe(z.werte, g.plus) === summe(z.werte, g.minus));
  const proZelle: number[][] = Array.from({ length: n }, () => []);
  gleichungen.forEach((g, gi) => [...g.plus, ...g.minus].forEach((i) => proZelle[i]!.push(gi)));
  const verdeckt = new Set<number>();
  for (let i = 0; i < n; i++) if (z.sichtbar[i] && klein(z.werte[i]!, k)) verdeckt.add(i);
  const unbekannt = (i: number) => !z.sichtbar[i] || verdeckt.has(i);
  const kleine = [...Array(n).keys()].filter((i) => klein(z.werte[i]!, k));
  const fragen = () => [...Array(n).keys()].filter((i) => verdeckt.has(i) || kleine.includes(i));
  const vorrang = (i: number) => z.vorrang?.[i] ?? 0;
  // What hiding a shown cell costs its readers, per unit it moves: a quarter's cell less than the year's,
  // a small count less than a large one (the „next smallest cell“ of the rule).
  const kosten = (i: number) => (1 + 9 * vorrang(i)) * (2 + Math.min(z.werte[i]!, 50));
  const pruefung = new Pruefung(z.werte, gleichungen, k);

  const t0 = performance.now();
  let partnerZahl = 0;
  for (let runde = 0; ; runde++) {
    pruefung.gueltig(unbekannt);
    for (const j of kleine) {
      if (pruefung.beantwortet(j)) continue;
      const p = partner(z.werte, gleichungen, proZelle, j, k, unbekannt, kosten);
      partnerZahl++;
      if (process.env.DEBUG_KZ && [68].includes(j) ) console.error('partner', j, p.zellen.map((i) => `${i}:${z.werte[i]}->${p.zeuge[i]}`).join(' '), 'j', p.zeuge[j]);
      if (process.env.DEBUG_KZ && p.zellen.includes(68)) console.error('partner von', j, 'bewegt 68', z.werte[68], '->', p.zeuge[68]);
      for (const i of p.zellen) verdeckt.add(i);
      pruefung.bezeuge(p.zeuge);
    }
    const b = pruefung.befund(unbekannt, fragen());
    if (process.env.DEBUG_KZ) console.error('ms', Math.round(performance.now() - t0), 'partner', partnerZahl, 'runde', runde, 'verdeckt', verdeckt.size, 'klein', b.klein.slice(0, 5), b.klein.length, 'fest', b.fest.slice(0, 5), b.fest.length, 'lp', pruefung.loesungen);
    if (b.klein.length === 0 && b.fest.length === 0) break;
    if (runde >= 5)
      throw new Error(
        `Kleinzahlschutz: die Prüfung findet die Zelle ${[...b.klein, ...b.fest][0]} nach 5 Runden noch bestimmt.`,
      );
    // A hidden cell the reader can pin anyway protects nothing: shown again, the reader learns nothing new.
    for (const i of b.fest) if (!klein(z.werte[i]!, k)) verdeckt.delete(i);
  }
  return lichte();

  /**
   * Partners of different small cells overlap, and a hidden 27 reads „<3“ as a hidden 1 does: each cell
   * hidden besides a small one is shown again, the year's first, then the largest first, where the audit
   * still finds every small cell unprovable and no hidden cell pinned.
   */
  function lichte(): Set<number> {
    const kandidaten = [...verdeckt]
      .filter((i) => !klein(z.werte[i]!, k))
      .sort((a, b) => vorrang(b) - vorrang(a) || z.werte[b]! - z.werte[a]! || a - b);
    const t1 = performance.now();
    let zurueck = 0;
    for (const i of kandidaten.slice(0, HOECHSTENS_GELICHTET)) {
      verdeckt.delete(i);
      const b = pruefung.befund(unbekannt, fragen());
      if (b.klein.length + b.fest.length > 0) verdeckt.add(i); else zurueck++;
    }
    if (process.env.DEBUG_KZ) console.error('lichte ms', Math.round(performance.now() - t1), 'gezeigt', zurueck, 'lp', pruefung.loesungen);
    return verdeckt;
  }
}

const summe = (werte: readonly number[], zellen: readonly number[]) => zellen.reduce((s, i) => s + werte[i]!, 0);

/** Cells hidden besides a small one that are checked for showing again, per table. */
const HOECHSTENS_GELICHTET = 60;
