import { z } from 'zod';
import { betrag, nachSchema } from '../abfragen/index.ts';
import { sqlDatei } from '../sql.ts';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse } from '../verbindung.ts';
import { herkunftDatei, type HerkunftDatei } from './dateien.ts';
import { herkunftUebersicht } from './uebersicht.ts';
import { herkunftZeile, type HerkunftZeile } from './zeilen.ts';

// Herkunft (docs/regeln.md §7.4): from a figure to the export rows behind it. Each figure kind names the
// view it is served from, the rows of `herkunft_zeile` that add up to it, and the figure's value in the
// caller's scope, so that the answer can say whether the rows' sum is the figure.

export const HERKUNFT_KENNZAHLEN = ['verbrauch', 'abweichung', 'jahresabrechnung', 'finanzvolumen'] as const;
export type HerkunftKennzahl = (typeof HERKUNFT_KENNZAHLEN)[number];

/** Where a figure stands: the coordinates of a cell of its view (an empty string means the value is empty there). */
export interface HerkunftAnfrage {
  kennzahl: HerkunftKennzahl;
  jahr: number;
  /** verbrauch: up to this month (default 12); abweichung: the quarter. */
  bis?: number;
  quartal?: number;
  monat?: number;
  sozialraum?: string;
  topf?: string;
  hilfeart?: string;
  segment?: string;
  traeger?: string;
  seite?: number;
  proSeite?: number;
  /** Also the rows that earlier deliveries held, with the load that replaced them. */
  historie?: boolean;
}

/**
 * The caller's scope as SQL predicates, decided by the API: `sichtbar` the rows the figure itself counts
 * for this caller (over sozialraum, traeger, quelle), `einzeln` those shown row by row (the rest is one
 * line without detail), `protokoll` the loads whose user and hash the caller may see (over ladung).
 */
export interface HerkunftBereich {
  sichtbar: string;
  einzeln: string;
  protokoll: string;
}

export interface HerkunftErgebnis {
  kennzahl: HerkunftKennzahl;
  /** The column of the view that is traced. */
  spalte: string;
  /** The figure as the API serves it to this caller; null where there is none in its scope. */
  wert: string | null;
  /** The rows' sum (all rows the figure counts, those without detail too), rounded once to cents. */
  summe: string | null;
  stimmt: boolean;
  /** Rows shown one by one (over all pages), and those on this page. */
  anzahl: number;
  seite: number;
  pro_seite: number;
  zeilen: HerkunftZeile[];
  /** Rows the figure counts that this caller sees only as a total (other Träger, the youth office's payments). */
  andere: { zeilen: number; summe: string | null } | null;
  dateien: HerkunftDatei[];
  historie?: HerkunftZeile[];
  hinweis?: string;
}

const sql = (name: string) => sqlDatei(import.meta.url, name);
const ZEILEN = sql('zeilen');
const UEBERSICHT = sql('uebersicht');
const DATEIEN = sql('dateien');

interface Kennzahl {
  spalte: string;
  /** Which rows of herkunft_zeile make up the figure (parameters as in HerkunftAnfrage). */
  filter: string;
  /** The figure in the caller's scope ({{sichtbar}}), one value: a row of `figurwert`. */
  wert: string;
}

/** The row of a figure's `wert` query: the value, how many rows of its view hold it, and whether it is carried forward. */
const figurwert = z.object({ wert: betrag.nullable(), n: z.number(), fortgeschrieben: z.boolean().optional() });

// "$x = ''" stands for a cell whose value is empty (a booking without Hilfeart).
const gleich = (spalte: string) =>
  `($${spalte} IS NULL OR (${spalte} IS NULL AND $${spalte} = '') OR ${spalte} = $${spalte})`;
const verbrauchFilter = `jahr = $jahr AND monat <= $bis AND ($monat IS NULL OR monat = $monat) AND ${['sozialraum', 'topf', 'hilfeart', 'segment', 'traeger'].map(gleich).join(' AND ')}`;

const KENNZAHLEN: Record<HerkunftKennzahl, Kennzahl> = {
  verbrauch: {
    spalte: 'betrag',
    filter: `quelle IN ('leistung', 'zahlung') AND ${verbrauchFilter}`,
    wert: `SELECT CAST(round(sum(betrag), 2) AS DECIMAL(18,2)) AS wert, CAST(count(*) AS INTEGER) AS n FROM verbrauch WHERE ${verbrauchFilter} AND ({{sichtbar}})`,
  },
  abweichung: {
    spalte: 'ist_bis_stichtag',
    filter: `quelle IN ('leistung', 'zahlung') AND jahr = $jahr AND monat <= $quartal * 3 AND sozialraum = $sozialraum AND ($topf = 'gesamt' OR topf = $topf)`,
    wert: `SELECT ist_bis_stichtag AS wert, 1 AS n FROM abweichung WHERE jahr = $jahr AND quartal = $quartal AND sozialraum = $sozialraum AND topf = $topf AND ({{sichtbar}})`,
  },
  jahresabrechnung: {
    spalte: 'personalkosten_ist',
    filter: `quelle = 'personalkosten' AND jahr = $jahr AND sozialraum = $sozialraum AND ($traeger = 'gesamt' OR traeger = $traeger)`,
    wert: `SELECT personalkosten_ist AS wert, 1 AS n FROM jahresabrechnung WHERE jahr = $jahr AND sozialraum = $sozialraum AND traeger = $traeger AND ({{sichtbar}})`,
  },
  finanzvolumen: {
    spalte: 'gesamtfinanzvolumen',
    filter: `quelle = 'budget' AND jahr = $jahr AND sozialraum = $sozialraum`,
    wert: `SELECT gesamtfinanzvolumen AS wert, 1 AS n, fortgeschrieben FROM finanzvolumen WHERE jahr = $jahr AND sozialraum = $sozialraum AND ({{sichtbar}})`,
  },
};

/** What each figure kind needs to be found, for a German message when it is missing. */
const PFLICHT: Record<HerkunftKennzahl, Array<keyof HerkunftAnfrage>> = {
  verbrauch: [],
  abweichung: ['quartal', 'sozialraum', 'topf'],
  jahresabrechnung: ['sozialraum', 'traeger'],
  finanzvolumen: ['sozialraum'],
};

/** The coordinates each figure kind has: any other one would be ignored, and the trace would answer a different figure. */
const KOORDINATEN: Record<HerkunftKennzahl, Array<keyof HerkunftAnfrage>> = {
  verbrauch: ['bis', 'monat', 'sozialraum', 'topf', 'hilfeart', 'segment', 'traeger'],
  abweichung: ['quartal', 'sozialraum', 'topf'],
  jahresabrechnung: ['sozialraum', 'traeger'],
  finanzvolumen: ['sozialraum'],
};
const ALLE_KOORDINATEN = ['bis', 'quartal', 'monat', 'sozialraum', 'topf', 'hilfeart', 'segment', 'traeger'] as const;

export const HERKUNFT_HOECHSTENS_PRO_SEITE = 1000;

/** The rows behind one figure, in the caller's scope, one page of them, their sum and the files they came from. */
export async function herkunft(wh: Warehouse, a: HerkunftAnfrage, bereich: HerkunftBereich): Promise<HerkunftErgebnis> {
  const k = KENNZAHLEN[a.kennzahl];
  const fehlt = PFLICHT[a.kennzahl].filter((p) => a[p] === undefined);
  if (fehlt.length > 0)
    throw new WarehouseFehler('abfrage_ungueltig', `Für die Herkunft von ${a.kennzahl} fehlt: ${fehlt.join(', ')}.`);
  const fremd = ALLE_KOORDINATEN.filter((p) => a[p] !== undefined && !KOORDINATEN[a.kennzahl].includes(p));
  if (fremd.length > 0) {
    throw new WarehouseFehler(
      'abfrage_ungueltig',
      `Die Zahl ${a.kennzahl} hat ${fremd.length === 1 ? 'die Angabe' : 'die Angaben'} ${fremd.join(', ')} nicht (möglich: ${KOORDINATEN[a.kennzahl].join(', ')}).`,
    );
  }
  const proSeite = Math.min(Math.max(a.proSeite ?? 100, 1), HERKUNFT_HOECHSTENS_PRO_SEITE);
  const seite = Math.max(a.seite ?? 1, 1);
  const p = {
    jahr: a.jahr,
    bis: a.bis ?? 12,
    quartal: a.quartal ?? null,
    monat: a.monat ?? null,
    sozialraum: a.sozialraum ?? null,
    topf: a.topf ?? null,
    hilfeart: a.hilfeart ?? null,
    segment: a.segment ?? null,
    traeger: a.traeger ?? null,
  };
  // Which rows: those the figure counts now, those earlier deliveries held, or both (the files of a trace with history).
  const ersetze = (text: string, welche: 'aktuell' | 'frueher' | 'alle') =>
    text
      .replaceAll(
        '{{filter}}',
        k.filter +
          { aktuell: ' AND ersetzt_durch IS NULL', frueher: ' AND ersetzt_durch IS NOT NULL', alle: '' }[welche],
      )
      .replaceAll('{{sichtbar}}', bereich.sichtbar)
      .replaceAll('{{einzeln}}', `coalesce(${bereich.einzeln}, false)`)
      .replaceAll('{{protokoll}}', bereich.protokoll);
  const frage = async (text: string, werte: Record<string, string | number | null> = p) =>
    await wh.abfrage(text, Object.fromEntries(Object.entries(werte).filter(([n]) => text.includes(`$${n}`))));

  const [figur] = nachSchema(
    figurwert,
    await frage(k.wert.replaceAll('{{sichtbar}}', bereich.sichtbar)),
    'herkunft/wert',
  );
  const [u] = nachSchema(herkunftUebersicht, await frage(ersetze(UEBERSICHT, 'aktuell')), 'herkunft/uebersicht');
  const zeilen = nachSchema(
    herkunftZeile,
    await frage(ersetze(ZEILEN, 'aktuell'), { ...p, grenze: proSeite, ab: (seite - 1) * proSeite }),
    'herkunft/zeilen',
  );
  const dateien = nachSchema(
    herkunftDatei,
    await frage(ersetze(DATEIEN, a.historie ? 'alle' : 'aktuell')),
    'herkunft/dateien',
  );
  const historie = a.historie
    ? nachSchema(
        herkunftZeile,
        await frage(ersetze(ZEILEN, 'frueher'), { ...p, grenze: HERKUNFT_HOECHSTENS_PRO_SEITE, ab: 0 }),
        'herkunft/zeilen',
      )
    : undefined;

  const wert = figur && figur.n > 0 ? figur.wert : null;
  const summe = u!.summe;
  if (!figur || (figur.n === 0 && u!.zeilen === 0 && u!.andere_zeilen === 0)) {
    throw new WarehouseFehler(
      'keine_daten',
      `Diese Zahl (${a.kennzahl} ${a.jahr}${a.sozialraum ? ` ${a.sozialraum}` : ''}) gibt es in Ihrem Bereich nicht.`,
    );
  }
  return {
    kennzahl: a.kennzahl,
    spalte: k.spalte,
    wert,
    summe,
    stimmt: wert !== null && summe !== null && cent(summe) === cent(wert),
    anzahl: u!.zeilen,
    seite,
    pro_seite: proSeite,
    zeilen,
    andere: u!.andere_zeilen > 0 ? { zeilen: u!.andere_zeilen, summe: u!.andere_summe } : null,
    dateien,
    ...(historie ? { historie } : {}),
    ...(figur?.fortgeschrieben === true
      ? {
          hinweis:
            'Das Gesamtfinanzvolumen dieses Jahres ist fortgeschrieben (Vorjahr × (1 + Tarifsteigerung)), keine Summe gelieferter Zeilen.',
        }
      : {}),
  };
}

/** An exact decimal text as whole cents (the figures have at most two places). */
function cent(betrag: string): bigint {
  const [ganz, teil = ''] = betrag.split('.');
  const negativ = ganz!.startsWith('-');
  const wert = BigInt(ganz!.replace('-', '') || '0') * 100n + BigInt((teil + '00').slice(0, 2));
  return negativ ? -wert : wert;
}

export { dateiDerLadung, type LadungsDatei } from './datei.ts';
export { herkunftDatei, herkunftZeile, type HerkunftDatei, type HerkunftZeile };
export {
  herkunftFachcontrolling,
  kontraktZeile,
  FACH_HERKUNFT_SPALTEN,
  type FachHerkunftAnfrage,
  type FachHerkunftErgebnis,
  type FachHerkunftSpalte,
  type HerkunftKontraktZeile,
} from './fachcontrolling.ts';
