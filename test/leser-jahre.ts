// A reader of the Fachcontrolling figures (docs/regeln.md §8, §9) over several years side by side, for the attack
// tests: every relation between the counts a role is shown that holds in the exact table — splits within a row,
// totals over Hilfearten and Sozialräume, the year against its quarters, the flow of running helps from quarter
// to quarter and across each year boundary, a row missing in a period as zeros — as one integer program (HiGHS,
// whole numbers ≥ 0), and the smallest and largest value it leaves each hidden count.
import { createRequire } from 'node:module';
import type * as HiGHS from 'highs';
import { FACHCONTROLLING_ANZAHLEN } from '../warehouse/index.ts';
import { lpZeile } from './lp-text.ts';

const { default: ladeHighs } = createRequire(import.meta.url)('highs') as (typeof HiGHS)['default'];
type Highs = Awaited<ReturnType<typeof ladeHighs>>;
let highs: Highs | undefined;

/** A row of a JSON answer of GET /fachcontrolling. */
export type FachZeile = Record<string, number | string | null>;
/** A hidden value as the API writes it („<3“). */
export const verdeckt = (w: unknown) => typeof w === 'string' && /^<\d+$/.test(w);
/** A row's key: jahr|period (J or the quarter)|sozialraum|hilfeart. */
/** Which split of the ended helps a contract counts in, by its reason and assessment (docs/regeln.md §8). */
export const TEIL_DES_ENDES: Record<
  string,
  (z: { beendigungsgrund: string | null; zielerreichung: string | null }) => boolean
> = {
  beendet_planmaessig: (z) => z.beendigungsgrund === 'planmaessig',
  beendet_anderer_grund: (z) => z.beendigungsgrund !== null && z.beendigungsgrund !== 'planmaessig',
  beendet_ohne_grund: (z) => z.beendigungsgrund === null,
  ziel_erreicht: (z) => z.zielerreichung === 'erreicht',
  ziel_teilweise: (z) => z.zielerreichung === 'teilweise',
  ziel_nicht_erreicht: (z) => z.zielerreichung === 'nicht_erreicht',
  ziel_ohne_bewertung: (z) => z.zielerreichung === null,
};

export const schluessel = (z: FachZeile) => `${z.jahr}|${z.quartal ?? 'J'}|${z.sozialraum}|${z.hilfeart}`;

const ANZAHLEN = FACHCONTROLLING_ANZAHLEN;
const SPLITS = [
  ['faelle', ['laufende_hilfen', 'beendete_hilfen']],
  ['beendete_hilfen', ['beendet_planmaessig', 'beendet_anderer_grund', 'beendet_ohne_grund']],
  ['beendete_hilfen', ['ziel_erreicht', 'ziel_teilweise', 'ziel_nicht_erreicht', 'ziel_ohne_bewertung']],
] as const;

/** What the reader's program is built from: a role's rows, the exact rows (jugendamt), the years attacked. */
export interface Lesestoff {
  sicht: ReadonlyMap<string, FachZeile>;
  wahr: ReadonlyMap<string, FachZeile>;
  jahre: readonly number[];
  /** With the flow across the year boundaries (Q1 and the year against the end of the year before). */
  jahreswechsel: boolean;
  /**
   * A Träger's own part of cells (cell key|spalte → count of its own contracts there, from its Herkunft): a hidden
   * cell is at least that, and what the reader must not learn is the others' part (the value minus it).
   */
  eigen?: ReadonlyMap<string, number>;
}

export interface Befund {
  zelle: string;
  wahr: number;
  /** The Träger's own part of it (0 for other roles). */
  eigen: number;
  min: number;
  max: number;
}

/** The reader's system: equations as LP text, the hidden cells as variables with their exact values. */
export function system(l: Lesestoff) {
  const variable = new Map<string, string>();
  const wertVon = new Map<string, number>();
  const gl: string[] = [];
  const srs = [...new Set([...l.sicht.values()].map((z) => String(z.sozialraum)))];
  const artenVon = new Map<string, string[]>();
  for (const z of l.wahr.values())
    if (srs.includes(String(z.sozialraum)))
      artenVon.set(String(z.sozialraum), [
        ...new Set([...(artenVon.get(String(z.sozialraum)) ?? []), String(z.hilfeart)]),
      ]);
  const quartale = (j: number) =>
    ['1', '2', '3', '4'].filter((q) => [...l.wahr.keys()].some((k) => k.startsWith(`${j}|${q}|`)));
  type Term = [number, string];
  const term = (j: number, p: string, sr: string, a: string, s: string): Term => {
    const k = `${j}|${p}|${sr}|${a}`;
    const w = Number(l.wahr.get(k)?.[s] ?? 0);
    const z = l.sicht.get(k);
    if (!z || !verdeckt(z[s])) return [w, `${w}`];
    const zelle = `${k}|${s}`;
    if (!variable.has(zelle)) {
      variable.set(zelle, `x${variable.size}`);
      wertVon.set(zelle, w);
      const e = l.eigen?.get(zelle) ?? 0;
      if (e > 0) gl.push(`${variable.get(zelle)!} >= ${e}`);
    }
    return [w, variable.get(zelle)!];
  };
  // written only where it holds in the exact figures (a reader who assumes it elsewhere gets no table or wrong values)
  const zeile = (plus: Term[], minus: Term[], op: '=' | '>=') => {
    const d = plus.reduce((s, [w]) => s + w, 0) - minus.reduce((s, [w]) => s + w, 0);
    if (op === '=' ? d !== 0 : d < 0) return;
    const text = lpZeile(
      plus.map(([, x]) => x),
      minus.map(([, x]) => x),
      op,
    );
    if (text) gl.push(text);
  };
  /** total = Σ parts; for faelle (distinct cases) where it holds, else parts' sum ≥ total ≥ each part. */
  const summe = (ganz: (s: string) => Term, teile: ((s: string) => Term)[]) => {
    for (const s of ANZAHLEN) {
      zeile(
        [ganz(s)],
        teile.map((t) => t(s)),
        '=',
      );
      if (s === 'faelle') {
        zeile(
          teile.map((t) => t(s)),
          [ganz(s)],
          '>=',
        );
        for (const t of teile) zeile([ganz(s)], [t(s)], '>=');
      }
    }
  };
  const kreis = srs.includes('gesamt') && srs.length > 1;
  for (const j of l.jahre) {
    const qs = quartale(j);
    for (const p of ['J', ...qs]) {
      for (const sr of srs) {
        const arten = artenVon.get(sr) ?? [];
        for (const a of arten) {
          for (const [ganz, t] of SPLITS)
            zeile(
              [term(j, p, sr, a, ganz)],
              t.map((s) => term(j, p, sr, a, s)),
              '=',
            );
          // a case active in the period has a contract running at its end or ended in it
          zeile(
            [term(j, p, sr, a, 'laufende_hilfen'), term(j, p, sr, a, 'beendete_hilfen')],
            [term(j, p, sr, a, 'faelle')],
            '>=',
          );
          zeile([term(j, p, sr, a, 'beendete_hilfen')], [term(j, p, sr, a, 'wiederaufnahmen')], '>=');
        }
        summe(
          (s) => term(j, p, sr, 'gesamt', s),
          arten.filter((a) => a !== 'gesamt').map((a) => (s: string) => term(j, p, sr, a, s)),
        );
      }
      if (kreis)
        for (const a of artenVon.get('gesamt') ?? [])
          summe(
            (s) => term(j, p, 'gesamt', a, s),
            srs.filter((sr) => sr !== 'gesamt').map((sr) => (s: string) => term(j, p, sr, a, s)),
          );
    }
    for (const sr of srs)
      for (const a of artenVon.get(sr) ?? []) {
        const t = (p: string, s: string) => term(j, p, sr, a, s);
        for (const s of ANZAHLEN)
          if (s !== 'faelle' && s !== 'laufende_hilfen')
            zeile(
              [t('J', s)],
              qs.map((q) => t(q, s)),
              '=',
            );
        zeile([t('J', 'laufende_hilfen')], [t(qs.at(-1)!, 'laufende_hilfen')], '=');
        for (const q of qs) zeile([t('J', 'faelle')], [t(q, 'faelle')], '>=');
        zeile(
          qs.map((q) => t(q, 'faelle')),
          [t('J', 'faelle')],
          '>=',
        );
        const fluss = (p: string, vorher: Term) =>
          zeile([t(p, 'laufende_hilfen'), t(p, 'beendete_hilfen')], [vorher, t(p, 'neue_hilfen')], '=');
        for (let i = 1; i < qs.length; i++) fluss(qs[i]!, t(qs[i - 1]!, 'laufende_hilfen'));
        if (l.jahreswechsel) {
          const ende = term(j - 1, 'J', sr, a, 'laufende_hilfen');
          if (qs[0] === '1') fluss('1', ende);
          fluss('J', ende);
        }
      }
  }
  return { gl, variable, wertVon };
}

interface Loesung {
  status: string;
  objective: number;
  /** The values, where they are whole numbers (a table the reader cannot rule out); else empty. */
  werte: Map<string, number>;
}

/**
 * One program over the group's equations. `ganz`: whole numbers (branch and bound, within `sekunden`); else the
 * continuous relaxation, whose solution counts only where every value is whole (sums with coefficients ±1 mostly
 * give whole vertices). A bound of the relaxation is an outer bound of the whole-number one.
 */
function loese(
  gl: readonly string[],
  xs: readonly string[],
  ziel: string,
  richtung: 'Maximize' | 'Minimize',
  extra: { zeilen?: string[]; grenzen?: string[]; sekunden?: number; ganz?: boolean; bruch?: boolean } = {},
): Loesung {
  const alle = [...gl, ...(extra.zeilen ?? [])];
  const text =
    `${richtung}\n obj: ${ziel || '0'}\nSubject To\n${alle.map((g, i) => ` c${i}: ${g}`).join('\n')}\n` +
    `Bounds\n${[...xs.map((v) => ` ${v} >= 0`), ...(extra.grenzen ?? [])].join('\n')}\n` +
    (extra.ganz ? `General\n ${xs.join(' ')}\n` : '') +
    'End';
  const s = highs!.solve(text, { time_limit: extra.sekunden ?? 60, mip_rel_gap: 0.01 });
  const werte = new Map<string, number>();
  if (s.Status === 'Optimal' || s.Status === 'Time limit reached') {
    const roh = Object.entries(s.Columns).map(([n, c]) => [n, (c as { Primal: number }).Primal] as const);
    if (extra.bruch || roh.every(([n, v]) => !n.startsWith('x') || Math.abs(v - Math.round(v)) < 1e-6))
      for (const [n, v] of roh) werte.set(n, extra.bruch ? v : Math.round(v));
  }
  return { status: s.Status, objective: s.ObjectiveValue, werte };
}

/**
 * For every hidden cell: is it small (1 … k−1) and provably below k, or pinned? Per group of cells tied by equations,
 * a few programs with many cells in the objective (each capped just past what answers it: k for a small one, one
 * step either way for the others) answer most with whole-number tables; the rest get their own bounds, first of
 * the relaxation, and where that leaves it open, of whole numbers. Returns the cells not answered with their
 * bounds, cells left unclear (the whole-number program ran out of time), and how many solves it took.
 */
export async function angriff(l: Lesestoff, k = 3, nurRelaxation = false) {
  highs ??= await ladeHighs();
  const { gl, variable, wertVon } = system(l);
  const zellen = [...variable.keys()];
  const xVon = new Map(zellen.map((z) => [variable.get(z)!, z]));
  // groups: cells tied by an equation
  const wurzel = new Map<string, string>();
  const finde = (x: string): string => {
    const w = wurzel.get(x) ?? x;
    if (w === x) return x;
    const r = finde(w);
    wurzel.set(x, r);
    return r;
  };
  const varsIn = (g: string) => [...g.matchAll(/x\d+/g)].map((m) => m[0]);
  for (const g of gl) {
    const v = varsIn(g);
    for (const x of v.slice(1)) wurzel.set(finde(x), finde(v[0]!));
  }
  const gruppen = new Map<string, { xs: string[]; gl: string[] }>();
  for (const x of variable.values()) {
    const r = finde(x);
    if (!gruppen.has(r)) gruppen.set(r, { xs: [], gl: [] });
    gruppen.get(r)!.xs.push(x);
  }
  for (const g of gl) {
    const v = varsIn(g);
    if (v.length > 0) gruppen.get(finde(v[0]!))!.gl.push(g);
  }
  let loesungen = 0;
  let unloesbar = 0;
  const befunde: Befund[] = [];
  const unklar: string[] = [];
  const wahrVon = (x: string) => wertVon.get(xVon.get(x)!)!;
  const basis = (x: string) => l.eigen?.get(xVon.get(x)!) ?? 0;
  // small: the part the reader does not know (all of it, or the other Träger's) is 1 … k−1
  const klein = (x: string) => wahrVon(x) - basis(x) >= 1 && wahrVon(x) - basis(x) < k;
  // `nurRelaxation`: the continuous relaxation only (a county's whole-number program takes minutes per solve
  // here): its bounds are outer ones, so what it proves small or pinned is so for whole numbers too.
  const frage = (g: readonly string[], xs: readonly string[], ziel: string, r: 'Maximize' | 'Minimize', e = {}) => {
    loesungen++;
    return loese(g, xs, ziel, r, nurRelaxation ? { ...e, bruch: true, ganz: false } : e);
  };
  for (const { xs, gl: g } of gruppen.values()) {
    const offen = new Set(xs);
    const beantworte = (s: Loesung) => {
      for (const x of [...offen]) {
        const w = s.werte.get(x);
        if (w !== undefined && (klein(x) ? w >= basis(x) + k - 1e-6 : Math.abs(w - wahrVon(x)) > 1e-6)) offen.delete(x);
      }
    };
    if (frage(g, xs, '', 'Minimize').status !== 'Optimal') {
      unloesbar++;
      continue;
    }
    for (let runde = 0; runde < 6 && offen.size > 0; runde++) {
      const vorher = offen.size;
      // up: Σ min(x, value + step), step k − value for a small cell, 1 for others
      const auf = [...offen];
      const hoch = {
        zeilen: auf.map((x) => `u${x} - ${x} <= 0`),
        grenzen: auf.map((x) => ` 0 <= u${x} <= ${klein(x) ? basis(x) + k : wahrVon(x) + 1}`),
      };
      const h = frage(g, xs, auf.map((x) => `+ u${x}`).join(' '), 'Maximize', hoch);
      beantworte(
        h.werte.size > 0
          ? h
          : frage(g, xs, auf.map((x) => `+ u${x}`).join(' '), 'Maximize', { ...hoch, ganz: true, sekunden: 10 }),
      );
      // down: Σ max(x, value − 1) for the cells above 0 that are not small
      const ab = [...offen].filter((x) => !klein(x) && wahrVon(x) > 0);
      if (ab.length > 0) {
        const runter = {
          zeilen: ab.map((x) => `d${x} - ${x} >= 0`),
          grenzen: ab.map((x) => ` d${x} >= ${wahrVon(x) - 1}`),
        };
        const r = frage(g, xs, ab.map((x) => `+ d${x}`).join(' '), 'Minimize', runter);
        beantworte(
          r.werte.size > 0
            ? r
            : frage(g, xs, ab.map((x) => `+ d${x}`).join(' '), 'Minimize', { ...runter, ganz: true, sekunden: 10 }),
        );
      }
      if (offen.size === vorher) break;
    }
    for (const x of offen) {
      // the relaxation's bounds first: outer bounds of the whole-number ones
      let [min, max] = (['Minimize', 'Maximize'] as const).map((r) => {
        const s = frage(g, xs, x, r);
        return s.status === 'Optimal' ? s.objective : r === 'Minimize' ? 0 : Infinity;
      }) as [number, number];
      const eng = () =>
        Math.ceil(min - 1e-6) === Math.floor(max + 1e-6) || (klein(x) && Math.floor(max + 1e-6) < basis(x) + k);
      if (!eng() && nurRelaxation) continue;
      if (!eng()) {
        // open in the relaxation: is there a whole-number table that answers it?
        const ziel = klein(x) ? [`${x} >= ${basis(x) + k}`] : [`${x} >= ${wahrVon(x) + 1}`];
        const s1 = frage(g, xs, '', 'Minimize', { zeilen: ziel, ganz: true, sekunden: 20 });
        const s2 =
          s1.status === 'Optimal' || klein(x) || wahrVon(x) === 0
            ? s1
            : frage(g, xs, '', 'Minimize', { zeilen: [`${x} <= ${wahrVon(x) - 1}`], ganz: true, sekunden: 20 });
        if (s1.status === 'Optimal' || s2.status === 'Optimal') continue;
        if (s1.status !== 'Infeasible' || s2.status !== 'Infeasible') {
          unklar.push(xVon.get(x)!);
          continue;
        }
        // no whole-number table answers it: its whole-number bounds
        [min, max] = (['Minimize', 'Maximize'] as const).map((r) => {
          const s = frage(g, xs, x, r, { ganz: true });
          return s.status === 'Optimal' ? s.objective : r === 'Minimize' ? min : max;
        }) as [number, number];
      }
      befunde.push({
        zelle: xVon.get(x)!,
        wahr: wahrVon(x),
        eigen: basis(x),
        min: Math.ceil(min - 1e-6),
        max: Math.floor(max + 1e-6),
      });
    }
  }
  const lecks = befunde.filter((b) => b.wahr - b.eigen >= 1 && b.wahr - b.eigen < k);
  const festgelegt = befunde.filter((b) => !lecks.includes(b));
  return {
    lecks,
    festgelegt,
    unklar,
    verdeckt: zellen.length,
    gleichungen: gl.length,
    gruppen: gruppen.size,
    loesungen,
    unloesbar,
  };
}
