// The rows behind the charts and the quarterly pack, as named operations of the warehouse: one .sql per
// chart's rows, its row schema beside it (zod), and one typed function each. The charts themselves
// (grafiken/) only see rows; which chart asks for which rows is berichte/grafiken's catalogue.
import type { z } from 'zod';
import { bereichsabfrage, type Tabelle } from '../abfragen/index.ts';
import { sqlDatei } from '../sql.ts';
import type { Warehouse } from '../verbindung.ts';
import { abweichungZeile } from './abweichung.ts';
import { auslastungZeile } from './auslastung.ts';
import { hilfeartenZeile } from './hilfearten.ts';
import { paketBefundZeile, type PaketBefundZeile } from './paket_befunde.ts';
import { paketSozialraumZeile, type PaketSozialraumZeile } from './paket_sozialraeume.ts';
import { praeventionZeile } from './praevention.ts';
import { trendZeile } from './trend.ts';
import { verlaufZeile } from './verlauf.ts';

export { abweichungZeile, type AbweichungZeile } from './abweichung.ts';
export { auslastungZeile, type AuslastungZeile } from './auslastung.ts';
export { hilfeartenZeile, type HilfeartenZeile } from './hilfearten.ts';
export { paketBefundZeile, type PaketBefundZeile } from './paket_befunde.ts';
export { paketSozialraumZeile, type PaketSozialraumZeile } from './paket_sozialraeume.ts';
export { praeventionZeile, type PraeventionZeile } from './praevention.ts';
export { trendZeile, type TrendZeile } from './trend.ts';
export { verlaufZeile, type VerlaufZeile } from './verlauf.ts';

/** Which rows: the quarter, and one Sozialraum or (null) every Sozialraum in scope, each row with its code. */
export interface Anfrage {
  jahr: number;
  quartal: number;
  sozialraum: string | null;
}

/** A chart's rows with their columns' names and types (for CSV), each row parsed with its schema. */
export interface Grafiktabelle<Z> extends Omit<Tabelle, 'zeilen'> {
  zeilen: Z[];
}

/** A query of this folder with its schema: the signature every chart's rows share. */
export type Grafikabfrage<Z> = (wh: Warehouse, a: Anfrage, bereich: string) => Promise<Grafiktabelle<Z>>;

/**
 * The named query `name.sql` within the caller's scope (`bereich`, an SQL predicate from the API's access
 * rule; 'true' for the CLI and the pack), its rows parsed with `schema`: a column the query renames or
 * retypes fails here, not as an empty label in a chart.
 */
function abfrage<S extends z.ZodType<Record<string, unknown>>>(name: string, schema: S): Grafikabfrage<z.infer<S>> {
  return async (wh, a, bereich) => {
    const t = await bereichsabfrage(
      wh,
      sqlDatei(import.meta.url, name),
      { jahr: a.jahr, quartal: a.quartal, sozialraum: a.sozialraum },
      bereich,
    );
    return { ...t, zeilen: t.zeilen.map((z) => schema.parse(z)) };
  };
}

/** Budget against Hochrechnung per Topf and in total at the quarter end. */
export const abweichung = abfrage('abweichung', abweichungZeile);
/** Cumulative use per Topf and month against the phased budget, with the forecast after the quarter end. */
export const verlauf = abfrage('verlauf', verlaufZeile);
/** Hours by Hilfeart and segment up to the quarter end, this year and last. */
export const hilfearten = abfrage('hilfearten', hilfeartenZeile);
/** Prevention and network work to each quarter end against its floor. */
export const praevention = abfrage('praevention', praeventionZeile);
/** The Sozialraumteam's hours per month against its capacity. */
export const auslastung = abfrage('auslastung', auslastungZeile);
/** Use per year against the Gesamtfinanzvolumen (the county's chart: `sozialraum` is not asked). */
export const trend = abfrage('trend', trendZeile);

/** The display name of a Sozialraum, undefined for a code the county does not have. */
export async function sozialraumName(wh: Warehouse, sozialraum: string): Promise<string | undefined> {
  const [z] = await wh.abfrage(sqlDatei(import.meta.url, 'sozialraum_name'), { sozialraum });
  return z?.name === null || z?.name === undefined ? undefined : String(z.name);
}

/**
 * The Sozialräume of the pack: those with figures at the quarter end (a budget and bookings), by name, each
 * with its total for the overview table. The pack shows the whole county, so there is no scope.
 */
export async function paketSozialraeume(
  wh: Warehouse,
  q: { jahr: number; quartal: number },
): Promise<PaketSozialraumZeile[]> {
  return (await wh.abfrage(sqlDatei(import.meta.url, 'paket_sozialraeume'), { jahr: q.jahr, quartal: q.quartal })).map(
    (z) => paketSozialraumZeile.parse(z),
  );
}

/** The pack's open points of a year and the one before, counted per Sozialraum and rule, small counts as „<k“. */
export async function paketBefunde(wh: Warehouse, jahr: number): Promise<PaketBefundZeile[]> {
  return (await wh.abfrage(sqlDatei(import.meta.url, 'paket_befunde'), { jahr })).map((z) => paketBefundZeile.parse(z));
}
