// Public surface of the charts: pure functions from rows to Vega-Lite specs, and the specs drawn as SVG
// and PNG with the shipped font. A leaf: it imports nothing of ours but the shared formatting (format/),
// so the pack, the API and the add-in get the same charts from whatever rows they hold. Which rows feed
// which chart (the queries, the catalogue) is berichte/grafiken's.
export { abweichungSpec, type AbweichungWert } from './specs/abweichung.ts';
export { auslastungSpec, type AuslastungWert } from './specs/auslastung.ts';
export { faelleSpec } from './specs/faelle.ts';
export { hilfeartenSpec, type HilfeartenWert } from './specs/hilfearten.ts';
export { praeventionSpec, type PraeventionWert } from './specs/praevention.ts';
export { segmenteSpec } from './specs/segmente.ts';
export { sozialraeumeSpec } from './specs/sozialraeume.ts';
export { trendSpec, type TrendWert } from './specs/trend.ts';
export { verlaufSpec, type VerlaufWert } from './specs/verlauf.ts';
export { alsPng, alsSvg } from './zeichnen.ts';
export { zeichnerImProzess, zeichnerProzess, type Zeichner } from './zeichner.ts';
export { STATUS_FARBE, STATUS_NAME, TOPF_FARBE } from './stil.ts';
export type { Dezimal, Kontext, Spezifikation, Zeile } from './specs/rahmen.ts';
