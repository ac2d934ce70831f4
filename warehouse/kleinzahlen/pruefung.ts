// The interval audit of a protected table (docs/regeln.md §9), as statistical offices audit theirs: the
// smallest and the largest value of each hidden cell consistent with the shown cells, every equation the
// reader knows, and that counts are never negative. A hidden count whose interval is one number is known to
// the reader; a small one whose largest value is below k is known to be small. A stock of the year before
// that the reader knows in a range must keep all of it.
import type { Gleichung } from './intervalle.ts';
import { EPS, highs, Zeilenmatrix } from './loeser.ts';
import type { Ziel } from './partner.ts';

/** What the audit found: small cells the reader knows to be small, and hidden cells the reader knows. */
export interface Befund {
  /** Small cells (1 … k−1) whose largest possible value is below k. */
  klein: number[];
  /** Other unknown cells asked about whose smallest and largest possible value are one number. */
  fest: number[];
  /** Cells with a range (`spannen`) that the table narrows: the end each must reach again. */
  eng: Ziel[];
}

/**
 * The exact check, by linear programming (HiGHS): per group of unknown cells tied by equations, a model with
 * a column per unknown (≥ 0) and a row per equation (the shown cells moved to the right-hand side). Every
 * solution is a table the reader cannot tell from the true one (a witness): a cell that differs there
 * from its true value by 1 or more is not pinned, a small cell that reaches k there is not known to be
 * small. A few solves with many cells in the objective (each capped, so that the solution spreads) answer
 * most cells; the rest get a solve of their own (their largest, then their smallest value). Witnesses are
 * kept: while the cells shown stay those a witness has at their true value, it still answers.
 * The check is that of the continuous relaxation, as statistical offices audit tables: a reader who solves
 * for whole numbers may find an interval narrower by a fraction, not one of a different width in counts.
 */
export class Pruefung {
  /** Every witness found; `zeugen` those the reader cannot rule out with the cells now shown. */
  private readonly alle: Float64Array[] = [];
  private zeugen: Float64Array[] = [];
  private readonly proZelle: number[][];

  /**
   * `spannen`: unknown cells the reader knows from elsewhere to lie in a range (a stock at the end of the year
   * before, from that year's protection as served): bounds of the reader's tables, and asked whether this
   * table leaves them the whole range.
   */
  constructor(
    private readonly werte: readonly number[],
    private readonly gleichungen: readonly Gleichung[],
    private readonly k: number,
    private readonly spannen: ReadonlyMap<number, readonly [number, number]> = new Map(),
  ) {
    this.proZelle = Array.from({ length: werte.length }, () => []);
    gleichungen.forEach((g, gi) => {
      for (const i of [...g.plus, ...g.minus]) this.proZelle[i]!.push(gi);
    });
  }

  /**
   * Of `zellen` (unknown cells), those the reader knows too much of: a small one (1 … k−1) known to be below
   * k, any other known exactly. `unbekannt`: the cells the reader does not see.
   */
  befund(unbekannt: (i: number) => boolean, zellen: readonly number[]): Befund {
    const n = this.werte.length;
    this.gueltig(unbekannt);
    const offen = zellen.filter((j) => !this.beantwortet(j));
    const befund: Befund = { klein: [], fest: [], eng: [] };
    if (offen.length === 0) return befund;
    // groups of unknown cells tied by equations: each is a model of its own
    const wurzel = Int32Array.from({ length: n }, (_, i) => i);
    const finde = (i: number): number => {
      while (wurzel[i] !== i) i = wurzel[i] = wurzel[wurzel[i]!]!;
      return i;
    };
    for (const g of this.gleichungen) {
      const u = [...g.plus, ...g.minus].filter(unbekannt);
      for (const i of u.slice(1)) wurzel[finde(i)] = finde(u[0]!);
    }
    const gruppen = new Map<number, number[]>();
    for (const j of offen) gruppen.set(finde(j), [...(gruppen.get(finde(j)) ?? []), j]);
    for (const [w, fragen] of gruppen) {
      const spalten: number[] = [];
      for (let i = 0; i < n; i++) if (unbekannt(i) && finde(i) === w) spalten.push(i);
      const b = this.gruppe(spalten, fragen);
      befund.klein.push(...b.klein);
      befund.fest.push(...b.fest);
      befund.eng.push(...b.eng);
    }
    befund.klein.sort((a, b) => a - b);
    befund.fest.sort((a, b) => a - b);
    return befund;
  }

  private istKlein(j: number): boolean {
    return !this.spannen.has(j) && this.werte[j]! >= 1 && this.werte[j]! < this.k;
  }

  /**
   * The witnesses for `unbekannt`: a table found with other cells hidden is one the reader cannot rule out
   * where it shows what is shown now (so a cell shown again and hidden once more gets its witnesses back).
   */
  gueltig(unbekannt: (i: number) => boolean): void {
    this.zeugen = this.alle.filter((w) => w.every((x, i) => unbekannt(i) || Math.abs(x - this.werte[i]!) < EPS));
  }

  /** Adds a table the reader cannot rule out with the cells now unknown (e.g. from partner()). */
  bezeuge(zeuge: Float64Array): void {
    this.alle.push(zeuge);
    this.zeugen.push(zeuge);
  }

  /**
   * The range of cell j in the tables the reader cannot rule out (the witnesses found, with the true one): what
   * the next year must leave it, where j is a stock at this year's end.
   */
  spanne(j: number): [number, number] {
    let [unten, oben] = [this.werte[j]!, this.werte[j]!];
    for (const w of this.zeugen) [unten, oben] = [Math.min(unten, w[j]!), Math.max(oben, w[j]!)];
    return [unten, oben];
  }

  /**
   * Whether a witness answers cell j: a small one reaches k, another one moves by 1 or more, one with a range
   * reaches both its ends.
   */
  beantwortet(j: number): boolean {
    const v = this.werte[j]!;
    const s = this.spannen.get(j);
    if (s) return this.zeugen.some((w) => w[j]! >= s[1] - EPS) && this.zeugen.some((w) => w[j]! <= s[0] + EPS);
    return this.istKlein(j)
      ? this.zeugen.some((w) => w[j]! >= this.k - EPS)
      : this.zeugen.some((w) => Math.abs(w[j]! - v) >= 1 - EPS);
  }

  private gruppe(spalten: number[], fragen: number[]): Befund {
    const spalte = new Map(spalten.map((s, c) => [s, c]));
    const zeilen = [...new Set(spalten.flatMap((s) => this.proZelle[s]!))].sort((a, b) => a - b);
    const matrix = new Zeilenmatrix();
    const rechts: number[] = [];
    for (const gi of zeilen) {
      const g = this.gleichungen[gi]!;
      const koeff = new Map<number, number>();
      let konstant = 0;
      const trage = (i: number, c: number) => {
        const s = spalte.get(i);
        if (s === undefined) konstant -= c * this.werte[i]!;
        else koeff.set(s, (koeff.get(s) ?? 0) + c);
      };
      for (const i of g.plus) trage(i, 1);
      for (const i of g.minus) trage(i, -1);
      for (const [s, c] of [...koeff].sort((a, b) => a[0] - b[0])) if (c !== 0) matrix.eintrag(s, c);
      matrix.zeileFertig();
      rechts.push(konstant);
    }
    const m = spalten.length;
    const grenze = (s: number): [number, number] => {
      const g = this.spannen.get(s);
      return g ? [g[0], g[1]] : [0, highs.infinity];
    };
    const unten = Float64Array.from(spalten, (s) => grenze(s)[0]);
    const oben = Float64Array.from(spalten, (s) => grenze(s)[1]);
    const modell = highs.createModel({
      numCols: m,
      numRows: zeilen.length,
      colCost: new Float64Array(m),
      colLower: unten,
      colUpper: oben,
      rowLower: Float64Array.from(rechts),
      rowUpper: Float64Array.from(rechts),
      matrix: matrix.fuer(m),
    });
    try {
      // primal simplex: after a change of the objective the last basis is still feasible (warm)
      modell.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
      const loese = (kosten: Map<number, number>, grenzen: Map<number, [number, number]>): Float64Array | null => {
        for (const [j, c] of kosten) modell.changeColCost(spalte.get(j)!, c);
        for (const [j, [lo, hi]] of grenzen) modell.changeColBounds(spalte.get(j)!, lo, hi);
        modell.run();
        const status = modell.getModelStatus();
        const loesung = status === highs.constants.modelStatus.optimal ? modell.getSolution().colValue : null;
        for (const j of kosten.keys()) modell.changeColCost(spalte.get(j)!, 0);
        for (const j of grenzen.keys()) modell.changeColBounds(spalte.get(j)!, ...grenze(j));
        if (status === highs.constants.modelStatus.unbounded) return null;
        if (loesung === null)
          throw new Error(`Kleinzahlschutz: die Prüfung der Intervalle fand keine Lösung (Status ${status}).`);
        const zeuge = Float64Array.from(this.werte);
        spalten.forEach((s, c) => (zeuge[s] = loesung[c]!));
        this.bezeuge(zeuge);
        return zeuge;
      };
      const offen = () => fragen.filter((j) => !this.beantwortet(j));
      // Many cells at once, each capped just past what answers it, so that one solve answers many.
      const kleine = offen().filter((j) => this.istKlein(j));
      const mitSpanne = (j: number) => this.spannen.has(j);
      if (kleine.length > 0)
        loese(
          new Map(kleine.map((j) => [j, -1])),
          new Map(kleine.map((j): [number, [number, number]] => [j, [0, this.k]])),
        );
      for (const richtung of [1, -1] as const) {
        const andere = offen().filter((j) => !this.istKlein(j));
        if (andere.length === 0) break;
        // a cell with a range is held by it: to its end, uncapped
        const grenzen = new Map(
          andere
            .filter((j) => !mitSpanne(j))
            .map((j): [number, [number, number]] => [
              j,
              richtung === 1 ? [0, this.werte[j]! + 1] : [Math.max(0, this.werte[j]! - 1), highs.infinity],
            ]),
        );
        loese(new Map(andere.map((j) => [j, -richtung])), grenzen);
      }
      // The rest one by one: the largest value, and where that is the true one, the smallest.
      const befund: Befund = { klein: [], fest: [], eng: [] };
      for (const j of offen()) {
        if (this.beantwortet(j)) continue;
        const s = this.spannen.get(j);
        if (s) {
          // each end the witnesses do not reach: a solve towards it, and where that falls short, a goal
          for (const [ende, richtung] of [
            [s[1], -1],
            [s[0], 1],
          ] as const) {
            if (this.zeugen.some((w) => Math.abs(w[j]! - ende) <= EPS)) continue;
            const z = loese(new Map([[j, richtung]]), new Map());
            if (z && Math.abs(z[j]! - ende) > EPS) befund.eng.push({ zelle: j, auf: ende });
          }
          continue;
        }
        const hoch = loese(new Map([[j, -1]]), new Map());
        if (hoch === null || this.beantwortet(j)) continue;
        if (this.istKlein(j)) {
          befund.klein.push(j);
          continue;
        }
        loese(new Map([[j, 1]]), new Map());
        if (!this.beantwortet(j)) befund.fest.push(j);
      }
      return befund;
    } finally {
      modell.dispose();
    }
  }
}
