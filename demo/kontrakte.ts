// Help contracts (Kontrakte). Every pool (a Träger in a Sozialraum, or an outside provider in a
// Sozialraum) keeps a number of "slots" busy: when one contract ends the next one starts a few days
// later. The same contracts feed the hour bookings, the payments and both contract exports, and the
// two exports are then made to disagree in a few documented places (docs/regeln.md §5, double controlling).

import path from 'node:path';
import { holeBudget, ERSTES_JAHR, type Budgets } from './budget.js';
import { formatIso, jahrVon, jahresanfang, parseIso, type Tag } from './datum.js';
import { dezimal, dezimal2 } from './format.js';
import {
  ANDERE_ANBIETER,
  JUGENDAMT_DIALEKT,
  SOZIALRAEUME,
  sozialraumText,
  TRAEGER,
  zeichnungsbefugnisse,
  type Gemeinde,
  type SozialraumCode,
  type Zeichnung,
} from './landkreis.js';
import { datumText, hilfeartText, schreibeCsv } from './schreiber.js';
import { Zufall } from './zufall.js';
import type { AbsichtlicherFehler } from './fehler.js';

export interface Kontrakt {
  /** generation order, the tie-breaker wherever contracts are sorted */
  nr: number;
  id: string;
  /** null: an outside provider, paid from the variable pot, not part of the contract exports */
  traeger: string | null;
  anbieter: string | null;
  sozialraum: SozialraumCode;
  fall: string;
  hilfeart: number;
  beginn: Tag;
  /** last day (actual, or planned if after the end of the data) */
  ende: Tag;
  /** whether a planned end after the end of the data is already recorded */
  geplantesEndeBekannt: boolean;
  /** hundredths of an hour */
  stundenMonat: number;
  asd: string;
  ags: string;
}

interface Abweichung {
  stundenMonat?: number;
  ende?: Tag;
  hilfeart?: number;
  ags?: string;
}

export interface Kontrakte {
  alle: Kontrakt[];
  /** per `${traeger}|${sozialraum}`, sorted by beginn */
  pools: Map<string, Kontrakt[]>;
  /** per Sozialraum: outside providers' contracts, sorted by beginn */
  andere: Map<SozialraumCode, Kontrakt[]>;
  nurJugendamt: Set<string>;
  nurTraeger: Set<string>;
  abweichungen: Map<string, Abweichung>;
  asdFalsch: Map<string, string>;
  fehler: AbsichtlicherFehler[];
}

const MIX_TEAM: readonly (readonly [number, number])[] = [
  [31, 36],
  [30, 18],
  [28, 10],
  [29, 8],
  [41, 9],
  [52, 8],
  [32, 4],
  [37, 4],
  [33, 3],
];
const MIX_KLEIN: readonly (readonly [number, number])[] = [
  [28, 6],
  [29, 4],
];
const MIX_ANDERE: readonly (readonly [number, number])[] = [
  [32, 35],
  [31, 20],
  [30, 15],
  [41, 15],
  [33, 10],
  [37, 5],
];

/** duration in months and authorised hours per month, by Hilfeart */
const PROFIL: Readonly<Record<number, { monate: [number, number]; stunden: [number, number] }>> = {
  28: { monate: [1, 5], stunden: [3, 8] },
  29: { monate: [4, 12], stunden: [6, 12] },
  30: { monate: [6, 18], stunden: [6, 16] },
  31: { monate: [8, 24], stunden: [10, 30] },
  32: { monate: [12, 30], stunden: [20, 40] },
  33: { monate: [12, 48], stunden: [4, 8] },
  37: { monate: [6, 18], stunden: [6, 14] },
  41: { monate: [6, 18], stunden: [8, 18] },
  52: { monate: [1, 6], stunden: [2, 8] },
};

export function poolSchluessel(traeger: string, sr: SozialraumCode): string {
  return `${traeger}|${sr}`;
}

/** first day whose contracts are in the exports: the last ~3 years are enough for reconciliation */
export function exportAb(bisJahr: number): Tag {
  return jahresanfang(bisJahr - 2);
}

function befugt(z: readonly Zeichnung[], sr: SozialraumCode, d: Tag): Zeichnung[] {
  return z.filter((x) => x.sozialraum === sr && parseIso(x.von) <= d && (x.bis === null || parseIso(x.bis) >= d));
}

interface Pool {
  traeger: string | null;
  sr: SozialraumCode;
  slots: number;
  mix: readonly (readonly [number, number])[];
}

function pools(budgets: Budgets): Pool[] {
  const out: Pool[] = [];
  const schon = new Set<string>();
  for (const tr of TRAEGER) {
    for (const t of tr.teams) {
      const b = holeBudget(budgets, ERSTES_JAHR, t.sozialraum);
      const stellen = (b.pCent / b.stellenfaktorCent) * t.anteil;
      out.push({ traeger: tr.id, sr: t.sozialraum, slots: Math.round(stellen * 1.1), mix: MIX_TEAM });
      schon.add(poolSchluessel(tr.id, t.sozialraum));
    }
  }
  for (const tr of TRAEGER) {
    const n = new Map<SozialraumCode, number>();
    for (const e of tr.nichtTeam) for (const sr of e) n.set(sr, (n.get(sr) ?? 0) + 1);
    for (const sr of SOZIALRAEUME) {
      const k = n.get(sr.code);
      if (k === undefined || schon.has(poolSchluessel(tr.id, sr.code))) continue;
      out.push({ traeger: tr.id, sr: sr.code, slots: 1 + k, mix: tr.teams.length === 0 ? MIX_KLEIN : MIX_TEAM });
    }
  }
  const andere: Readonly<Record<SozialraumCode, number>> = { konz: 8, schweich: 13, hermeskeil: 6, saarburg: 8 };
  for (const sr of SOZIALRAEUME) out.push({ traeger: null, sr: sr.code, slots: andere[sr.code], mix: MIX_ANDERE });
  return out;
}

export function erzeugeKontrakte(
  seed: number,
  budgets: Budgets,
  gemeinden: readonly Gemeinde[],
  bisTag: Tag,
  bisJahr: number,
): Kontrakte {
  const zeichnungen = zeichnungsbefugnisse(bisJahr - 2);
  const faelle = new Set<string>();
  const alle: Kontrakt[] = [];
  const start = jahresanfang(ERSTES_JAHR);
  const orte = new Map<SozialraumCode, (readonly [string, number])[]>();
  for (const g of gemeinden) {
    // the four towns are where most families live
    const gewicht = ['Konz', 'Schweich', 'Saarburg', 'Hermeskeil'].includes(g.gemeinde) ? 6 : 1;
    const l = orte.get(g.sozialraum) ?? [];
    l.push([g.ags, gewicht]);
    orte.set(g.sozialraum, l);
  }

  for (const pool of pools(budgets)) {
    const z = Zufall.fuer(seed, 'kontrakte', pool.traeger ?? 'andere', pool.sr);
    const neuerFall = (): string => {
      for (;;) {
        const f = `F-${String(z.int(1000, 999_999)).padStart(6, '0')}`;
        if (!faelle.has(f)) {
          faelle.add(f);
          return f;
        }
      }
    };
    for (let slot = 0; slot < pool.slots; slot++) {
      let beginn: Tag | null = null;
      let fall = neuerFall();
      let anbieter = pool.traeger === null ? ANDERE_ANBIETER[(slot + pool.sr.length) % ANDERE_ANBIETER.length]! : null;
      for (;;) {
        const h = z.gewichtet(pool.mix);
        const pr = PROFIL[h]!;
        const dauer = z.int(pr.monate[0] * 30, pr.monate[1] * 30);
        // the first contract of a slot is already running on 1 January 2014
        const b: Tag = beginn ?? start - z.int(0, dauer - 1);
        if (b > bisTag) break;
        const berechtigt = befugt(zeichnungen, pool.sr, b);
        const asd =
          berechtigt.length > 0 ? z.wahl(berechtigt).asd : zeichnungen.find((x) => x.sozialraum === pool.sr)!.asd;
        alle.push({
          nr: alle.length,
          id: '',
          traeger: pool.traeger,
          anbieter,
          sozialraum: pool.sr,
          fall,
          hilfeart: h,
          beginn: b,
          ende: b + dauer - 1,
          geplantesEndeBekannt: z.chance(0.35),
          stundenMonat: z.int(pr.stunden[0] * 2, pr.stunden[1] * 2) * 50,
          asd,
          ags: z.gewichtet(orte.get(pool.sr)!),
        });
        beginn = b + dauer + z.int(1, 40);
        // now and then the same family gets a follow-up help (e.g. §28 counselling, then §31)
        if (!z.chance(0.12)) fall = neuerFall();
        if (pool.traeger === null && z.chance(0.3)) anbieter = z.wahl(ANDERE_ANBIETER);
      }
    }
  }

  // The youth office numbers contracts per year in the order they start; the gaps are contracts
  // outside this model (e.g. §34), which is why the numbers are not contiguous.
  const zid = Zufall.fuer(seed, 'kontrakt-nummern');
  alle.sort((a, b) => a.beginn - b.beginn || a.nr - b.nr);
  let jahr = 0;
  let n = 0;
  for (const k of alle) {
    const j = jahrVon(k.beginn);
    if (j !== jahr) {
      jahr = j;
      n = zid.int(1, 20);
    }
    n += zid.chance(0.15) ? zid.int(2, 4) : 1;
    k.id = `K-${j}-${String(n).padStart(4, '0')}`;
  }
  alle.sort((a, b) => a.nr - b.nr);

  const poolMap = new Map<string, Kontrakt[]>();
  const andere = new Map<SozialraumCode, Kontrakt[]>();
  for (const k of alle) {
    if (k.traeger === null) {
      const l = andere.get(k.sozialraum) ?? [];
      l.push(k);
      andere.set(k.sozialraum, l);
    } else {
      const key = poolSchluessel(k.traeger, k.sozialraum);
      const l = poolMap.get(key) ?? [];
      l.push(k);
      poolMap.set(key, l);
    }
  }
  for (const l of [...poolMap.values(), ...andere.values()]) l.sort((a, b) => a.beginn - b.beginn || a.nr - b.nr);

  const k: Kontrakte = {
    alle,
    pools: poolMap,
    andere,
    nurJugendamt: new Set(),
    nurTraeger: new Set(),
    abweichungen: new Map(),
    asdFalsch: new Map(),
    fehler: [],
  };
  pflanzeAbweichungen(k, seed, gemeinden, zeichnungen, bisTag, bisJahr);
  return k;
}

/** Hilfeart as the Träger recorded it: its own bookings follow its own contract record. */
export function traegerHilfeart(k: Kontrakte, x: Kontrakt): number {
  return k.abweichungen.get(x.id)?.hilfeart ?? x.hilfeart;
}

function imExport(k: Kontrakt, bisTag: Tag, bisJahr: number): boolean {
  return k.traeger !== null && k.beginn <= bisTag && k.ende >= exportAb(bisJahr);
}

function pflanzeAbweichungen(
  k: Kontrakte,
  seed: number,
  gemeinden: readonly Gemeinde[],
  zeichnungen: readonly Zeichnung[],
  bisTag: Tag,
  bisJahr: number,
): void {
  const z = Zufall.fuer(seed, 'abweichungen');
  const kandidaten = z.gemischt(
    k.alle.filter((x) => imExport(x, bisTag, bisJahr)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  const benutzt = new Set<string>();
  const nimm = (bed: (x: Kontrakt) => boolean): Kontrakt | undefined => {
    const x = kandidaten.find((c) => !benutzt.has(c.id) && bed(c));
    if (x) benutzt.add(x.id);
    return x;
  };
  const fehler = k.fehler;
  const traegerDatei = (x: Kontrakt): string => `kontrakte_${x.traeger}.csv`;

  const trNurJa = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const x = nimm((c) => !trNurJa.has(c.traeger!));
    if (!x) break;
    trNurJa.add(x.traeger!);
    k.nurJugendamt.add(x.id);
    fehler.push({
      art: 'kontrakt_nur_jugendamt',
      datei: 'kontrakte_jugendamt.csv',
      schluessel: x.id,
      hinweis: `fehlt in ${traegerDatei(x)}`,
    });
  }
  for (let i = 0; i < 2; i++) {
    const x = nimm((c) => c.hilfeart === 28 || c.hilfeart === 29 || i > 0);
    if (!x) break;
    k.nurTraeger.add(x.id);
    fehler.push({
      art: 'kontrakt_nur_traeger',
      datei: traegerDatei(x),
      schluessel: x.id,
      hinweis: 'fehlt in kontrakte_jugendamt.csv',
    });
  }
  const abw = (x: Kontrakt | undefined, a: Abweichung, feld: string, text: string): void => {
    if (!x) return;
    k.abweichungen.set(x.id, a);
    fehler.push({ art: 'kontrakt_abweichend', datei: traegerDatei(x), schluessel: x.id, hinweis: `${feld}: ${text}` });
  };
  const x1 = nimm((c) => c.stundenMonat <= 2000);
  if (x1)
    abw(
      x1,
      { stundenMonat: x1.stundenMonat + 200 },
      'stunden_monat',
      `Träger ${dezimal(x1.stundenMonat + 200)} statt ${dezimal(x1.stundenMonat)}`,
    );
  const x2 = nimm((c) => c.ende <= bisTag - 40);
  if (x2) abw(x2, { ende: x2.ende + 30 }, 'ende', `Träger ${formatIso(x2.ende + 30)} statt ${formatIso(x2.ende)}`);
  const x3 = nimm((c) => c.hilfeart === 31);
  if (x3) abw(x3, { hilfeart: 30 }, 'hilfeart', 'Träger §30 statt §31');
  const x4 = nimm((c) => gemeinden.some((g) => g.sozialraum === c.sozialraum && g.ags !== c.ags));
  if (x4) {
    const andere = gemeinden.filter((g) => g.sozialraum === x4.sozialraum && g.ags !== x4.ags);
    const ags = z.wahl(andere).ags;
    abw(x4, { ags }, 'wohnort_ags', `Träger ${ags} statt ${x4.ags}`);
  }

  // One contract signed by an ASD worker whose signing right had already ended.
  const abgelaufen = zeichnungen.find((x) => x.bis !== null)!;
  const ablauf = parseIso(abgelaufen.bis!);
  let x5 = nimm((c) => c.sozialraum === abgelaufen.sozialraum && c.beginn > ablauf);
  let falsch = abgelaufen.asd;
  if (!x5) {
    x5 = nimm(() => true);
    if (x5) falsch = zeichnungen.find((zz) => zz.sozialraum !== x5!.sozialraum)!.asd;
  }
  if (x5) {
    k.asdFalsch.set(x5.id, falsch);
    fehler.push({
      art: 'asd_nicht_befugt',
      datei: 'kontrakte_jugendamt.csv',
      schluessel: x5.id,
      hinweis: `asd_zeichnung ${falsch} ist am ${formatIso(x5.beginn)} für ${x5.sozialraum} nicht zeichnungsbefugt`,
    });
  }
}

/** Weights of how ended helps ended ('' = not recorded), and of the Hilfeplan's assessment given the reason. */
const GRUENDE: readonly (readonly [string, number])[] = [
  ['planmaessig', 58],
  ['abbruch_familie', 14],
  ['abbruch_traeger', 4],
  ['zustaendigkeitswechsel', 9],
  ['sonstiges', 5],
  ['', 10],
];
const BEWERTUNG: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  planmaessig: [
    ['erreicht', 55],
    ['teilweise', 35],
    ['nicht_erreicht', 4],
    ['', 6],
  ],
  abbruch_familie: [
    ['erreicht', 5],
    ['teilweise', 30],
    ['nicht_erreicht', 55],
    ['', 10],
  ],
  abbruch_traeger: [
    ['erreicht', 5],
    ['teilweise', 30],
    ['nicht_erreicht', 55],
    ['', 10],
  ],
  zustaendigkeitswechsel: [
    ['teilweise', 30],
    ['', 70],
  ],
  sonstiges: [
    ['teilweise', 40],
    ['nicht_erreicht', 20],
    ['', 40],
  ],
  '': [
    ['teilweise', 30],
    ['', 70],
  ],
};

/** How an ended help ended and how far it reached its goals (docs/regeln.md §8): invented, per contract. */
function wirkung(seed: number, x: Kontrakt, bisTag: Tag): [string, string] {
  if (x.ende > bisTag) return ['', ''];
  const z = Zufall.fuer(seed, 'wirkung', x.id);
  const grund = z.gewichtet(GRUENDE);
  return [grund, z.gewichtet(BEWERTUNG[grund]!)];
}

export async function schreibeKontrakte(
  dir: string,
  seed: number,
  k: Kontrakte,
  bisTag: Tag,
  bisJahr: number,
): Promise<string[]> {
  const kopf = [
    'quelle',
    'kontrakt',
    'sozialraum',
    'fall',
    'hilfeart',
    'beginn',
    'ende',
    'stunden_monat',
    'asd_zeichnung',
    'wohnort_ags',
  ];
  const export_ = k.alle.filter((x) => imExport(x, bisTag, bisJahr));
  const endeText = (ende: Tag, bekannt: boolean, d: typeof JUGENDAMT_DIALEKT): string =>
    ende <= bisTag || bekannt ? datumText(ende, d) : '';
  const dateien: string[] = [];

  const ja = JUGENDAMT_DIALEKT;
  const jaDatei = path.join(dir, 'kontrakte_jugendamt.csv');
  await schreibeCsv(
    jaDatei,
    ja,
    [...kopf, 'beendigungsgrund', 'zielerreichung'],
    export_
      .filter((x) => !k.nurTraeger.has(x.id))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((x) => [
        'jugendamt',
        x.id,
        sozialraumText(x.sozialraum, ja),
        x.fall,
        hilfeartText(x.hilfeart, ja),
        datumText(x.beginn, ja),
        endeText(x.ende, x.geplantesEndeBekannt, ja),
        dezimal(x.stundenMonat),
        k.asdFalsch.get(x.id) ?? x.asd,
        x.ags,
        ...wirkung(seed, x, bisTag),
      ]),
  );
  dateien.push(jaDatei);

  for (const tr of TRAEGER) {
    const d = tr.dialekt;
    const datei = path.join(dir, `kontrakte_${tr.id}.csv`);
    await schreibeCsv(
      datei,
      d,
      kopf,
      export_
        .filter((x) => x.traeger === tr.id && !k.nurJugendamt.has(x.id))
        .sort((a, b) => a.beginn - b.beginn || (a.id < b.id ? -1 : 1))
        .map((x) => {
          const a = k.abweichungen.get(x.id) ?? {};
          const stunden = a.stundenMonat ?? x.stundenMonat;
          return [
            `traeger:${tr.id}`,
            x.id,
            sozialraumText(x.sozialraum, d),
            x.fall,
            hilfeartText(a.hilfeart ?? x.hilfeart, d),
            datumText(x.beginn, d),
            a.ende !== undefined ? datumText(a.ende, d) : endeText(x.ende, x.geplantesEndeBekannt, d),
            tr.stundenZweiStellen ? dezimal2(stunden) : dezimal(stunden),
            '', // asd_zeichnung is the youth office's alone
            a.ags ?? x.ags,
          ];
        }),
    );
    dateien.push(datei);
  }
  return dateien;
}

/** The youth office's list of signing rights (only rights that had started by the end of the data). */
export async function schreibeZeichnungsbefugnis(dir: string, bisTag: Tag, bisJahr: number): Promise<string> {
  const datei = path.join(dir, 'zeichnungsbefugnis.csv');
  const d = JUGENDAMT_DIALEKT;
  await schreibeCsv(
    datei,
    d,
    ['asd_mitarbeiter', 'sozialraum', 'von', 'bis'],
    zeichnungsbefugnisse(bisJahr - 2)
      .filter((x) => parseIso(x.von) <= bisTag)
      .map((x) => [
        x.asd,
        x.sozialraum,
        datumText(parseIso(x.von), d),
        x.bis === null ? '' : datumText(parseIso(x.bis), d),
      ]),
  );
  return datei;
}
