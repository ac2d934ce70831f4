// The Fachcontrolling figures (docs/regeln.md §8) as they leave the warehouse: exact for the youth office's
// controllers, else under the small-number protection (§9).
import {
  geschuetzt,
  kleinsteFallzahl,
  schutzspeicher,
  verdeckteNebenher,
  type Schutzplan,
} from '../kleinzahlen/index.ts';
import { sqlDatei } from '../sql.ts';
import type { Warehouse, Zeile } from '../verbindung.ts';
import {
  FACHCONTROLLING_ANZAHLEN,
  geschuetzteFachcontrollingZeile,
  type GeschuetzteFachcontrollingZeile,
} from './fachcontrolling.ts';
import { bereichsabfrage, kennzahl, nachSchema, type Tabelle } from './kennzahlen.ts';

/**
 * How the counts of the view hang together: rows and columns of Sozialraum × Hilfeart with totals, the
 * splits of ended helps, and a year with its quarters (one table: the year row tells what its quarters add up to).
 */
export const FACHCONTROLLING_SCHUTZ: Schutzplan = {
  tabelle: ['jahr'],
  dimensionen: ['sozialraum', 'hilfeart'],
  gesamt: 'gesamt',
  anzahlen: FACHCONTROLLING_ANZAHLEN,
  teilungen: [
    // Cases of the period are those running at its end and those ended in it (a case with two contracts
    // can be in both: treated as exact, it only hides more; from the review: faelle − laufende showed a hidden count).
    { ganzes: 'faelle', teile: ['laufende_hilfen', 'beendete_hilfen'] },
    { ganzes: 'beendete_hilfen', teile: ['beendet_planmaessig', 'beendet_anderer_grund', 'beendet_ohne_grund'] },
    {
      ganzes: 'beendete_hilfen',
      teile: ['ziel_erreicht', 'ziel_teilweise', 'ziel_nicht_erreicht', 'ziel_ohne_bewertung'],
    },
    { ganzes: 'beendete_hilfen', teile: ['wiederaufnahmen'], rest: true },
  ],
  jeFall: {
    hilfedauer_mittel_monate: ['beendete_hilfen'],
    hilfedauer_median_monate: ['beendete_hilfen'],
    stunden_je_fall: ['faelle'],
    kosten_je_fall: ['faelle'],
    eckwert: ['faelle'],
    // the hours of a Hilfeart with few cases are the hours of those families
    anteil_fallspezifisch: ['faelle'],
    anteil_fallbezogen: ['faelle'],
    anteil_fallunspezifisch: ['faelle'],
    anteil_planmaessig: ['beendet_planmaessig', 'beendet_anderer_grund'],
    anteil_erreicht: ['ziel_erreicht', 'ziel_teilweise', 'ziel_nicht_erreicht'],
    anteil_teilweise: ['ziel_erreicht', 'ziel_teilweise', 'ziel_nicht_erreicht'],
    anteil_nicht_erreicht: ['ziel_erreicht', 'ziel_teilweise', 'ziel_nicht_erreicht'],
    anteil_wiederaufnahme: ['wiederaufnahmen', 'beendete_hilfen'],
  },
  // The year's row (quartal empty) covers its ended quarters, from 1 January to the last one's end (schema/18).
  zeitachse: {
    spalte: 'quartal',
    // Each contract begins once and ends once: its beginn lies in exactly one quarter, its ende too, and the
    // splits of ended helps are properties of the contract (reason, assessment, re-entry), not of the
    // period. So the year's count is the sum of its quarters', exactly.
    additiv: FACHCONTROLLING_ANZAHLEN.filter((a) => a !== 'faelle' && a !== 'laufende_hilfen'),
    // Running on the year's last day is running on its last quarter's last day: the same contracts.
    bestand: ['laufende_hilfen'],
    // From quarter to quarter: running at the end of Q2 and ended in Q2 is running at the end of Q1 and begun
    // in Q2 (from the second review: with it a reader pinned 38–74 hidden counts per role). A help that moves
    // between Sozialräume or Hilfearten breaks it; such rows are left out (verdecke()).
    fluss: { bestand: 'laufende_hilfen', zugang: 'neue_hilfen', abgang: 'beendete_hilfen' },
    // And from year to year (from the third review: `faelle − neue_hilfen` of a year is what ran at the end of
    // the year before, hidden there; an analyst read a hidden 1): each year with the year before as served.
    folge: 'jahr',
    // Not additive: `faelle` counts cases active at any time in the period, so a case active in two
    // quarters counts in both and once in the year (the year lies between the largest quarter and the
    // sum). Its year row is tied to the others through faelle = laufende + beendete.
  },
};

export interface Fachcontrolling extends Tabelle<GeschuetzteFachcontrollingZeile> {
  /** The note under the table (§9), null when nothing is hidden or the figures are exact. */
  hinweis: string | null;
}

/**
 * The rows of a year or quarter in the caller's scope (`bereich`). `exakt`: the youth office's
 * controllers; everyone else gets the protected table, with the column `unterdrueckt`; a Träger's controller
 * (`eigenerTraeger`) with what its own contracts would give away hidden too (verdeckteFachzellen).
 * The protection works on the rows in scope: every total a reader gets is among them.
 */
export async function fachcontrolling(
  wh: Warehouse,
  p: { jahr: number; quartal: number | null; sozialraum: string | null },
  bereich: string,
  exakt: boolean,
  eigenerTraeger?: string,
): Promise<Fachcontrolling> {
  if (exakt) return { ...(await kennzahl(wh, 'fachcontrolling', p, bereich)), hinweis: null };
  // Protected over the whole county's year, its quarters with it, then cut to the caller's scope, the
  // period and the Sozialraum asked for: every scope, period and Sozialraum hides the same cells (the SQL
  // copy too), so that answers cannot be laid over each other (from the reviews: a quarter's hidden cell
  // was the year minus the other quarters; an ASD of one Sozialraum and one of all four hid different cells).
  const jahr = sqlDatei(import.meta.url, 'fachcontrolling_jahr');
  const t = await bereichsabfrage(wh, jahr, { jahr: p.jahr }, 'true');
  const ort = (z: Zeile) => `${z.jahr}|${z.quartal ?? ''}|${z.sozialraum}|${z.hilfeart}`;
  const imBereich =
    bereich === 'true' ? null : new Set((await bereichsabfrage(wh, jahr, { jahr: p.jahr }, bereich)).zeilen.map(ort));
  const k = await kleinsteFallzahl(wh);
  const g = geschuetzt(
    t.zeilen,
    await verdeckteFachzellen(wh, t.zeilen, k, eigenerTraeger),
    FACHCONTROLLING_SCHUTZ,
    k,
    (z) =>
      (imBereich === null || imBereich.has(ort(z))) &&
      Number(z.jahr) === p.jahr &&
      (z.quartal ?? null) === p.quartal &&
      (p.sozialraum === null || z.sozialraum === p.sozialraum),
  );
  const zeilen = nachSchema(geschuetzteFachcontrollingZeile, g.zeilen, 'fachcontrolling (geschützt)');
  return {
    spalten: [...t.spalten, 'unterdrueckt'],
    zahlen: [...t.zahlen, false],
    typen: [...t.typen, { art: 'text' }],
    zeilen,
    hinweis: g.hinweis,
  };
}

/**
 * Per row of the county's `zeilen` (a year with its quarters; all years for the SQL copy) the columns hidden for
 * this reader: the county's protection; for a Träger's controller also what it would work out with its own contracts. It knows
 * its own part of every count (its contracts, their dates, reasons and assessments, also in the Herkunft), so a
 * shown count minus its own part is the other Träger's part: that part is protected as a table of its own (from the
 * third review: a Träger pinned hidden quarters and read the others' „<3“ as shown count minus own rows), on top of
 * the county's hidden cells, which stay hidden.
 */
export async function verdeckteFachzellen(
  wh: Warehouse,
  zeilen: readonly Zeile[],
  k: number,
  eigenerTraeger?: string,
): Promise<string[][]> {
  const alle = await verdeckteNebenher(zeilen, FACHCONTROLLING_SCHUTZ, k, undefined, schutzspeicher(wh));
  if (eigenerTraeger === undefined) return alle;
  const ort = (z: Zeile) => `${z.jahr}|${z.quartal ?? ''}|${z.sozialraum}|${z.hilfeart}`;
  const eigen = new Map(
    (await wh.abfrage(sqlDatei(import.meta.url, 'fachcontrolling_eigen'), { traeger: eigenerTraeger })).map((z) => [
      ort(z),
      z,
    ]),
  );
  const andere = zeilen.map((z) => ({
    ...z,
    ...Object.fromEntries(
      FACHCONTROLLING_ANZAHLEN.map((a) => [a, Number(z[a] ?? 0) - Number(eigen.get(ort(z))?.[a] ?? 0)]),
    ),
  }));
  const dazu = await verdeckteNebenher(andere, FACHCONTROLLING_SCHUTZ, k, alle, schutzspeicher(wh));
  return alle.map((v, i) => [...v, ...dazu[i]!]);
}

/**
 * Protects every year of the whole county ahead, so that the first analyst's query over `fachcontrolling`
 * (its copy protects all years, some 25 s of arithmetic cold) finds the hidden cells worked out: the
 * worker thread keeps them by the values they come from, and the county's rows are the analysts' rows. Then
 * the same for each Träger with a controller (its own contracts hide more): a year needs the years before it,
 * so the first answer of a Träger's controller after a start would wait for all of them.
 */
export async function schuetzeAlleJahreVorab(wh: Warehouse, weiter: () => boolean = () => true): Promise<void> {
  const jahre = await wh.abfrage('SELECT DISTINCT jahr FROM fachcontrolling ORDER BY jahr');
  for (const { jahr } of jahre) {
    if (!weiter()) return;
    await fachcontrolling(wh, { jahr: Number(jahr), quartal: null, sozialraum: null }, 'true', false);
  }
  const letztes = jahre.at(-1)?.jahr;
  if (letztes === undefined) return;
  const traeger = await wh.abfrage(
    `SELECT DISTINCT traeger FROM benutzer WHERE rolle = 'traeger_controller' AND aktiv AND traeger IS NOT NULL ORDER BY traeger`,
  );
  for (const t of traeger) {
    if (!weiter()) return;
    // the latest year protects the years before it on the way, each kept by the values it comes from
    await fachcontrolling(
      wh,
      { jahr: Number(letztes), quartal: null, sozialraum: null },
      'true',
      false,
      String(t.traeger),
    );
  }
}
