// Small-number protection (docs/regeln.md §9): one function for every output that leaves the youth
// office's controlling. Rows in, rows out: small counts of cases and the figures per case computed from
// them read „<k“, and further cells are hidden so that none can be worked out from the totals shown.
import type { Warehouse, Zeile } from '../verbindung.ts';
import { verdecktText } from '../../format/index.ts';
import { abdruck, erinnere, merke, type Tabellenschutz } from './gedaechtnis.ts';
import { verdecke, type Summe } from './verdeckung.ts';

export { klein, verdecke, type Summe, type Zellen } from './verdeckung.ts';

/** How a table's counts hang together, as its reader sees them. */
export interface Schutzplan {
  /** Rows with equal values here form one table of their own (e.g. jahr, quartal). */
  tabelle: readonly string[];
  /** Dimensions of a table; a row whose dimension reads `gesamt` is the total of the rows that differ only there. */
  dimensionen: readonly string[];
  gesamt: string;
  /** Columns that count cases. */
  anzahlen: readonly string[];
  /** Within a row: `ganzes` = Σ `teile` (and an unshown rest, e.g. ended helps without re-entry). */
  teilungen: readonly { ganzes: string; teile: readonly string[]; rest?: boolean }[];
  /** Figures per case: the column and the counts it is computed from. */
  jeFall: Readonly<Record<string, readonly string[]>>;
  /**
   * The time axis inside a table: a row whose `spalte` is empty is the whole period (the year), the rows
   * with a value there its parts (the quarters, in order), each a table of `dimensionen` of its own.
   * Protected together, a part can't be worked out as the whole minus the other parts.
   */
  zeitachse?: {
    spalte: string;
    /** Counts of events in a period: the whole is the sum of its parts. */
    additiv: readonly string[];
    /** Counts of a stock on the period's last day: the whole equals its last part. */
    bestand: readonly string[];
    /**
     * The stock carried from part to part: what runs at a part's end and what ended in it is what ran at
     * the end of the part before and what began in it (laufende(q) + beendete(q) = laufende(q−1) + neue(q)).
     * A help that moves between rows breaks it, so it counts only for rows where it holds (verdecke()).
     */
    fluss?: { bestand: string; zugang: string; abgang: string };
    /**
     * The column of `tabelle` that counts the wholes (the year): the stock at a whole's start is the one at the
     * end of the whole before (value − 1), so the flow runs on into its first part and into the whole. A reader
     * lays two years side by side: a table is protected with the stocks at the end of the year before as they
     * are served (shown ones given, hidden ones in the range that year leaves them) and must leave those
     * ranges whole, the wholes in ascending order.
     */
    folge?: string;
  };
}

export interface Geschuetzt {
  /** The rows, hidden values as „<k“, with `unterdrueckt`: the hidden columns of the row, comma-separated (empty: none). */
  zeilen: Zeile[];
  /** Small counts, and counts hidden besides them. */
  primaer: number;
  sekundaer: number;
  /** The note under the table; null when nothing is hidden. */
  hinweis: string | null;
}

// How a hidden value reads is presentation, shared with the charts: it lives in format/.
export { istVerdeckt, verdecktText } from '../../format/index.ts';

/**
 * `zeilen` protected as one system under `plan`; `ausschnitt`: the rows the caller hands on (all where
 * not given). Protecting all and cutting afterwards hides the same cells in every cut of the same rows.
 */
export function schuetze(
  zeilen: readonly Zeile[],
  plan: Schutzplan,
  k: number,
  ausschnitt: (z: Zeile) => boolean = () => true,
): Geschuetzt {
  return geschuetzt(zeilen, verdeckteZellen(zeilen, plan, k), plan, k, ausschnitt);
}

/**
 * Per row the columns the protection hides: the expensive part (seconds for a year of the county). `vorab`: per
 * row the columns hidden already (by the county's protection, where a Träger's figures get more hidden): unknown
 * to the reader, never shown again, and not among those returned.
 */
export function verdeckteZellen(
  zeilen: readonly Zeile[],
  plan: Schutzplan,
  k: number,
  vorab?: readonly (readonly string[])[],
): string[][] {
  const folge = plan.zeitachse?.folge;
  const tabelleVon = (z: Zeile, zurueck = 0) =>
    JSON.stringify(plan.tabelle.map((t) => (t === folge ? Number(z[t]) - zurueck : (z[t] ?? null))));
  const tabellen = new Map<string, number[]>();
  zeilen.forEach((z, i) => tabellen.set(tabelleVon(z), [...(tabellen.get(tabelleVon(z)) ?? []), i]));
  const verdeckt = zeilen.map((): string[] => []);
  // per row of a whole: the range of its hidden stock at the whole's end, for the whole after it
  const spannen = new Map<number, [number, number]>();
  // Rows in an order of their own (by their dimensions), not the caller's: which cell is "the next
  // smallest" on a tie must not depend on how a query happened to return the rows, or two answers of
  // the same rows would hide different cells and together show them (from the review).
  const ordnung = (r: number) => JSON.stringify(achsen(plan).map((d) => zeilen[r]![d] ?? null));
  const reihenfolge = [...tabellen.values()].sort((a, b) =>
    folge ? Number(zeilen[a[0]!]![folge]) - Number(zeilen[b[0]!]![folge]) : 0,
  );
  for (const reihen of reihenfolge) {
    reihen.sort((a, b) => (ordnung(a) < ordnung(b) ? -1 : ordnung(a) > ordnung(b) ? 1 : 0));
    const schon = reihen.map((r) => vorab?.[r] ?? []);
    const vor = folge ? tabellen.get(tabelleVon(zeilen[reihen[0]!]!, 1)) : undefined;
    const gegeben = vor && {
      reihen: vor,
      verdeckt: vor.map((r) => [...(vorab?.[r] ?? []), ...verdeckt[r]!]),
      spannen: vor.map((r) => spannen.get(r) ?? null),
    };
    const t = verdeckungDerTabelle(zeilen, reihen, schon, plan, k, gegeben);
    for (const [stelle, spalte] of t.weg) verdeckt[reihen[stelle]!]!.push(spalte);
    for (const [stelle, unten, oben] of t.spannen) spannen.set(reihen[stelle]!, [unten, oben]);
  }
  return verdeckt;
}

/** The table before (the year before), as it is served: its rows, per row its hidden columns and its stock's range. */
interface Gegeben {
  reihen: readonly number[];
  verdeckt: readonly (readonly string[])[];
  spannen: readonly ([number, number] | null)[];
}

/** The rows with the hidden cells as „<k“, the counts and the note. */
export function geschuetzt(
  zeilen: readonly Zeile[],
  verdeckteSpalten: readonly (readonly string[])[],
  plan: Schutzplan,
  k: number,
  ausschnitt: (z: Zeile) => boolean = () => true,
): Geschuetzt {
  const verdeckt = verdeckteSpalten.map((v) => new Set(v));
  const text = verdecktText(k);
  let primaer = 0;
  let sekundaer = 0;
  const aus: Zeile[] = [];
  zeilen.forEach((z, r) => {
    if (!ausschnitt(z)) return;
    const weg = verdeckt[r]!;
    for (const s of weg) if (istKlein(z[s], k)) primaer++;
    sekundaer += weg.size;
    for (const [kennzahl, basis] of Object.entries(plan.jeFall)) if (basis.some((b) => weg.has(b))) weg.add(kennzahl);
    const neu: Zeile = { ...z };
    for (const s of weg) neu[s] = text;
    neu.unterdrueckt = [...weg].join(', ');
    aus.push(neu);
  });
  sekundaer -= primaer;
  // The note says how many cells are hidden, never how many of them are small: "11 small, 0 others"
  // told a reader that every „<k“ of the answer was 1 … k−1, and with a total that fixed them (from the review).
  const anzahl = primaer + sekundaer;
  const hinweis =
    anzahl === 0
      ? null
      : `Fallzahlen unter ${k}, die Kennzahlen je Fall daraus und jede Zahl, aus der sich eine solche errechnen ließe, stehen als „${text}“ ` +
        `(Schutz kleiner Fallzahlen, Einstellung kleinste_fallzahl = ${k}): ${anzahl} Anzahl${anzahl === 1 ? '' : 'en'} verdeckt.`;
  return { zeilen: aus, primaer, sekundaer, hinweis };
}

/**
 * Which cells of a table are hidden, as (position among its ordered rows, column), kept by what they are
 * computed from (gedaechtnis.ts): the plan, k and every value the protection reads, and the year before as
 * served. A year of the county takes seconds, and every answer, SQL copy and export of the same rows asks
 * again; equal input, equal answer, and no warehouse state to go stale.
 */
function verdeckungDerTabelle(
  zeilen: readonly Zeile[],
  reihen: number[],
  schon: readonly (readonly string[])[],
  plan: Schutzplan,
  k: number,
  gegeben: Gegeben | undefined,
): Tabellenschutz {
  const spalten = [...achsen(plan), ...plan.anzahlen];
  const werte = (rs: readonly number[]) => rs.map((r) => spalten.map((s) => zeilen[r]![s] ?? null));
  const schluessel = abdruck(
    JSON.stringify([
      plan,
      k,
      werte(reihen),
      schon,
      gegeben && [werte(gegeben.reihen), gegeben.verdeckt, gegeben.spannen],
    ]),
  );
  let schutz = erinnere(schluessel);
  if (!schutz) {
    const t = zellenDerTabelle(zeilen, reihen, schon, plan, gegeben);
    const stelle = new Map(reihen.map((r, i) => [r, i]));
    const v = verdecke(t.zellen, k, t.bestaendeAmEnde);
    schutz = {
      weg: [...v.verdeckt].map((i) => [stelle.get(t.ort[i]![0])!, t.ort[i]![1]]),
      spannen: [...v.spannen].map(([i, [unten, oben]]) => [stelle.get(t.ort[i]![0])!, unten, oben]),
    };
    merke(schluessel, schutz, true);
  }
  return schutz;
}

const istKlein = (w: unknown, k: number) => typeof w === 'number' && w >= 1 && w < k;

/** What tells the rows of a table apart: its dimensions and its period. */
const achsen = (plan: Schutzplan) => [...(plan.zeitachse ? [plan.zeitachse.spalte] : []), ...plan.dimensionen];

/**
 * The cells of one table (every count of every row, and the unshown rests) and the equations its reader knows.
 * `schon`: per row the columns hidden already, unknown to the reader like a rest. `gegeben`: the table before,
 * whose stocks at its end this one starts from (jahresanfang()).
 */
function zellenDerTabelle(
  zeilen: readonly Zeile[],
  reihen: number[],
  schon: readonly (readonly string[])[],
  plan: Schutzplan,
  gegeben?: Gegeben,
) {
  const werte: number[] = [];
  const sichtbar: boolean[] = [];
  const ort: Array<[number, string]> = [];
  const zelle = new Map<string, number>();
  const neu = (wert: number, s: boolean, r: number, spalte: string) => {
    werte.push(wert);
    sichtbar.push(s);
    ort.push([r, spalte]);
    return werte.length - 1;
  };
  reihen.forEach((r, i) => {
    for (const a of plan.anzahlen)
      zelle.set(`${r}|${a}`, neu(Number(zeilen[r]![a] ?? 0), !schon[i]!.includes(a), r, a));
  });
  const summen: Summe[] = dimensionssummen(zeilen, reihen, plan, plan.anzahlen, (r, a) => zelle.get(`${r}|${a}`)!);
  for (const r of reihen) {
    for (const t of plan.teilungen) {
      const ganzes = Number(zeilen[r]![t.ganzes] ?? 0);
      const teile = t.teile.map((x) => zelle.get(`${r}|${x}`)!);
      if (t.rest)
        teile.push(
          neu(ganzes - t.teile.reduce((s, x) => s + Number(zeilen[r]![x] ?? 0), 0), false, r, `${t.ganzes}_rest`),
        );
      summen.push({ summe: zelle.get(`${r}|${t.ganzes}`)!, teile });
    }
  }
  if (!plan.zeitachse) return { zellen: { werte, sichtbar, summen }, ort, bestaendeAmEnde: [] };
  const achse = plan.zeitachse;
  summen.push(...zeitsummen(zeilen, reihen, plan, achse, (r, a) => zelle.get(`${r}|${a}`)!));
  const vorrang = ort.map(([r]) => (zeilen[r]![achse.spalte] == null ? 1 : 0));
  const f = achse.fluss;
  if (!achse.folge || !f) return { zellen: { werte, sichtbar, summen, vorrang }, ort, bestaendeAmEnde: [] };
  // The stocks at this whole's end, whose ranges the whole after it must leave them.
  const bestaendeAmEnde = reihen
    .filter((r) => zeilen[r]![achse.spalte] == null)
    .map((r) => zelle.get(`${r}|${f.bestand}`)!);
  // The stocks at the end of the whole before, as it served them: cells of their own, after this table's.
  const ab = werte.length;
  const spannen = new Map<number, readonly [number, number]>();
  if (gegeben) {
    const anfang = new Map<number, number>();
    gegeben.reihen.forEach((r, i) => {
      if (zeilen[r]![achse.spalte] != null) return;
      const wert = Number(zeilen[r]![f.bestand] ?? 0);
      const verdeckt = gegeben.verdeckt[i]!.includes(f.bestand);
      const c = neu(wert, !verdeckt, r, f.bestand);
      // without a range from the year before (never seen), the reader is taken to know it
      if (verdeckt) spannen.set(c, gegeben.spannen[i] ?? [wert, wert]);
      anfang.set(r, c);
    });
    const ganze = [...anfang.keys()];
    summen.push(...dimensionssummen(zeilen, ganze, plan, [f.bestand], (r) => anfang.get(r)!));
    summen.push(...jahresanfang(zeilen, reihen, ganze, plan, achse, f, (r, a) => zelle.get(`${r}|${a}`)!, anfang));
  }
  const vorgegeben = werte.map((_, i) => i >= ab);
  return { zellen: { werte, sichtbar, summen, vorrang, vorgegeben, spannen }, ort, bestaendeAmEnde };
}

/** Totals along each dimension: the row with `gesamt` there against the rows equal in every other dimension and of the same period. */
function dimensionssummen(
  zeilen: readonly Zeile[],
  reihen: readonly number[],
  plan: Schutzplan,
  spalten: readonly string[],
  zelle: (r: number, spalte: string) => number,
): Summe[] {
  const summen: Summe[] = [];
  const schluessel = (r: number, ohne: string) =>
    JSON.stringify(
      achsen(plan)
        .filter((d) => d !== ohne)
        .map((d) => zeilen[r]![d] ?? null),
    );
  for (const d of plan.dimensionen) {
    const teile = new Map<string, number[]>();
    for (const r of reihen)
      if (zeilen[r]![d] !== plan.gesamt) teile.set(schluessel(r, d), [...(teile.get(schluessel(r, d)) ?? []), r]);
    for (const r of reihen) {
      if (zeilen[r]![d] !== plan.gesamt) continue;
      const unten = teile.get(schluessel(r, d)) ?? [];
      for (const a of spalten) summen.push({ summe: zelle(r, a), teile: unten.map((u) => zelle(u, a)) });
    }
  }
  return summen;
}

/**
 * From the end of the whole before into this one: what runs at the end of the first part (and of the whole) and
 * what ended in it is what ran at the end of the whole before and what began since (from the third review: with
 * `faelle − neue_hilfen` of a year a reader had the stock at the end of the year before, hidden there). A row
 * missing here, or in the first part once it has ended, had nothing running at the end of the whole before.
 * `vorher`: the whole before's rows of the whole period; `anfang`: their stock's cell.
 */
function jahresanfang(
  zeilen: readonly Zeile[],
  reihen: readonly number[],
  vorher: readonly number[],
  plan: Schutzplan,
  achse: NonNullable<Schutzplan['zeitachse']>,
  f: NonNullable<NonNullable<Schutzplan['zeitachse']>['fluss']>,
  zelle: (r: number, spalte: string) => number,
  anfang: ReadonlyMap<number, number>,
): Summe[] {
  const ort = (r: number) => JSON.stringify(plan.dimensionen.map((d) => zeilen[r]![d] ?? null));
  const stand = new Map(vorher.map((r) => [ort(r), anfang.get(r)!]));
  // the first part begins with the whole
  const ersterTeil = (r: number) => zeilen[r]![achse.spalte] != null && Number(zeilen[r]![achse.spalte]) === 1;
  const ganzes = (r: number) => zeilen[r]![achse.spalte] == null;
  const summen: Summe[] = [];
  for (const r of reihen.filter((r) => ganzes(r) || ersterTeil(r))) {
    const s = stand.get(ort(r));
    summen.push({
      summe: zelle(r, f.bestand),
      neben: [zelle(r, f.abgang)],
      teile: [...(s === undefined ? [] : [s]), zelle(r, f.zugang)],
    });
  }
  const imGanzen = new Set(reihen.filter(ganzes).map(ort));
  const imErsten = new Set(reihen.filter(ersterTeil).map(ort));
  for (const [o, s] of stand)
    if (!imGanzen.has(o) || (imErsten.size > 0 && !imErsten.has(o))) summen.push({ summe: s, teile: [] });
  return summen;
}

/** Along the time axis: the whole period's row against the rows of its parts with the same dimensions. */
function zeitsummen(
  zeilen: readonly Zeile[],
  reihen: readonly number[],
  plan: Schutzplan,
  achse: NonNullable<Schutzplan['zeitachse']>,
  zelle: (r: number, spalte: string) => number,
): Summe[] {
  const ort = (r: number) => JSON.stringify(plan.dimensionen.map((d) => zeilen[r]![d] ?? null));
  const teile = new Map<string, number[]>();
  for (const r of reihen) if (zeilen[r]![achse.spalte] != null) teile.set(ort(r), [...(teile.get(ort(r)) ?? []), r]);
  // The whole's last day is that of its last part in the table; a row missing there has a stock of 0, shown in the whole.
  const ende = Math.max(...reihen.map((r) => Number(zeilen[r]![achse.spalte] ?? -Infinity)));
  const anfang = Math.min(...reihen.map((r) => Number(zeilen[r]![achse.spalte] ?? Infinity)));
  const summen: Summe[] = [];
  for (const r of reihen) {
    const unten = zeilen[r]![achse.spalte] == null ? teile.get(ort(r)) : undefined;
    if (!unten) continue;
    for (const a of achse.additiv) summen.push({ summe: zelle(r, a), teile: unten.map((u) => zelle(u, a)) });
    const letzter = unten.find((u) => Number(zeilen[u]![achse.spalte]) === ende);
    // A row missing in a part is a row of zeros, which a reader knows as well as a shown one (from the third
    // review: a hidden stock before a missing quarter was 0, and with it a hidden 1 followed).
    for (const a of achse.bestand)
      summen.push({ summe: zelle(r, a), teile: letzter === undefined ? [] : [zelle(letzter, a)] });
    // From part to part (the first part follows the last of the whole before, which this table does not hold).
    const f = achse.fluss;
    if (!f) continue;
    const teil = new Map(unten.map((u) => [Number(zeilen[u]![achse.spalte]), u]));
    for (let q = anfang + 1; q <= ende; q++) {
      const u = teil.get(q);
      const vorher = teil.get(q - 1);
      if (u !== undefined)
        summen.push({
          summe: zelle(u, f.bestand),
          neben: [zelle(u, f.abgang)],
          teile: [...(vorher === undefined ? [] : [zelle(vorher, f.bestand)]), zelle(u, f.zugang)],
        });
      // Nothing active in q: nothing ran at the end of q − 1.
      else if (vorher !== undefined) summen.push({ summe: zelle(vorher, f.bestand), teile: [] });
    }
  }
  return summen;
}

/** k of the rule: the setting `kleinste_fallzahl` (warehouse/reference/einstellungen.csv; controllers may change it). */
export async function kleinsteFallzahl(wh: Warehouse): Promise<number> {
  const w = await wh.wert(`SELECT wert FROM einstellung WHERE name = 'kleinste_fallzahl'`);
  const k = Number(w ?? 3);
  return Number.isInteger(k) && k >= 1 ? k : 3;
}
export { verdeckteNebenher } from './nebenher.ts';
export { schutzspeicher } from './speicher.ts';
