// The charts with the rows behind them: which chart shows which of the warehouse's rows, for whom (the
// view whose access rule applies), and the way from a request to a spec. Used by the quarterly pack,
// the API (and through it the add-in) alike; the specs themselves are grafiken's pure functions.
import {
  abweichungSpec,
  auslastungSpec,
  hilfeartenSpec,
  praeventionSpec,
  sozialraeumeSpec,
  trendSpec,
  verlaufSpec,
  type Kontext,
  type Spezifikation,
} from '../../grafiken/index.ts';
import {
  grafikdaten,
  stichtagText,
  WarehouseFehler,
  type Quartal,
  type Tabelle,
  type Warehouse,
  type Zeile,
} from '../../warehouse/index.ts';

/** Whose rows a chart shows: the view whose access rule applies (api/zugang/bereich.ts). */
export type GrafikSicht = 'abweichung' | 'verbrauch' | 'finanzvolumen';

/** A chart's rows, ready to be drawn: for one Sozialraum, or for all with the column sozialraum. */
export interface Grafikdaten {
  /** The table behind the chart (its CSV): columns, their types, the rows. */
  tabelle: Tabelle;
  /** Only one Sozialraum's rows: the pack asks once per chart for all of them and splits. */
  nur(sozialraum: string): Grafikdaten;
  spec(k: Kontext): Spezifikation;
}

export interface Grafik {
  name: string;
  titel: string;
  /** sozialraum: one chart per Sozialraum; landkreis: one for the county */
  ebene: 'sozialraum' | 'landkreis';
  sicht: GrafikSicht;
  /** The rows in the caller's scope (`bereich`: the API's access predicate, 'true' for the CLI and the pack). */
  daten(wh: Warehouse, a: Anfrage, bereich: string): Promise<Grafikdaten>;
}

export interface Anfrage extends Quartal {
  sozialraum?: string;
}

/**
 * One catalogue entry: the warehouse's query and the spec over its rows, checked against each other here
 * (the row type of the query must give what the spec reads), and from then on one shape for every chart.
 */
function grafik<Z extends Zeile>(
  g: Omit<Grafik, 'daten'> & { quelle: grafikdaten.Grafikabfrage<Z>; spec: (zeilen: Z[], k: Kontext) => Spezifikation },
): Grafik {
  const fertig = (t: grafikdaten.Grafiktabelle<Z>): Grafikdaten => ({
    tabelle: t,
    nur: (sozialraum) => fertig({ ...t, zeilen: t.zeilen.filter((z) => z.sozialraum === sozialraum) }),
    spec: (k) => g.spec(t.zeilen, k),
  });
  return {
    name: g.name,
    titel: g.titel,
    ebene: g.ebene,
    sicht: g.sicht,
    // A county's chart is over every Sozialraum in scope, whatever Sozialraum a request names.
    daten: async (wh, a, bereich) =>
      fertig(
        await g.quelle(
          wh,
          { jahr: a.jahr, quartal: a.quartal, sozialraum: g.ebene === 'sozialraum' ? (a.sozialraum ?? null) : null },
          bereich,
        ),
      ),
  };
}

export const GRAFIKEN: readonly Grafik[] = [
  grafik({
    name: 'abweichung',
    titel: 'Abweichung zum Quartalsende',
    ebene: 'sozialraum',
    sicht: 'abweichung',
    quelle: grafikdaten.abweichung,
    spec: abweichungSpec,
  }),
  grafik({
    name: 'verlauf',
    titel: 'Verlauf',
    ebene: 'sozialraum',
    sicht: 'abweichung',
    quelle: grafikdaten.verlauf,
    spec: verlaufSpec,
  }),
  grafik({
    name: 'hilfearten',
    titel: 'Hilfearten',
    ebene: 'sozialraum',
    sicht: 'verbrauch',
    quelle: grafikdaten.hilfearten,
    spec: hilfeartenSpec,
  }),
  grafik({
    name: 'praevention',
    titel: 'Prävention und Netzwerk',
    ebene: 'sozialraum',
    sicht: 'finanzvolumen',
    quelle: grafikdaten.praevention,
    spec: praeventionSpec,
  }),
  grafik({
    name: 'auslastung',
    titel: 'Auslastung des Sozialraumteams',
    ebene: 'sozialraum',
    sicht: 'finanzvolumen',
    quelle: grafikdaten.auslastung,
    spec: auslastungSpec,
  }),
  grafik({
    name: 'sozialraeume',
    titel: 'Die Sozialräume im Vergleich',
    ebene: 'landkreis',
    sicht: 'abweichung',
    quelle: grafikdaten.abweichung,
    spec: sozialraeumeSpec,
  }),
  grafik({
    name: 'trend',
    titel: 'Verbrauch und Gesamtfinanzvolumen über die Jahre',
    ebene: 'landkreis',
    sicht: 'finanzvolumen',
    quelle: grafikdaten.trend,
    spec: trendSpec,
  }),
];

export const GRAFIK_NAMEN = GRAFIKEN.map((g) => g.name);

export function grafikNamens(name: string): Grafik | undefined {
  return GRAFIKEN.find((g) => g.name === name);
}

/** Title facts of a chart: the quarter end and, for a Sozialraum's chart, its display name. */
export function grafikKontext(q: Quartal, sozialraumName?: string): Kontext {
  return { jahr: q.jahr, quartal: q.quartal, stichtag: stichtagText(q), ...(sozialraumName ? { sozialraumName } : {}) };
}

/** One chart's spec with its data inlined, and the table behind it (for CSV). */
export async function erstelleGrafik(
  wh: Warehouse,
  g: Grafik,
  a: Anfrage,
  bereich = 'true',
): Promise<{ spec: Spezifikation; tabelle: Tabelle }> {
  let name: string | undefined;
  if (g.ebene === 'sozialraum') {
    if (!a.sozialraum)
      throw new WarehouseFehler(
        'abfrage_ungueltig',
        `Die Grafik „${g.titel}“ gilt je Sozialraum: bitte sozialraum angeben.`,
      );
    name = await grafikdaten.sozialraumName(wh, a.sozialraum);
    if (name === undefined)
      throw new WarehouseFehler('abfrage_ungueltig', `Den Sozialraum „${a.sozialraum}“ gibt es nicht.`);
  }
  const d = await g.daten(wh, a, bereich);
  return { spec: d.spec(grafikKontext(a, name)), tabelle: d.tabelle };
}
