import { abweichungSpec } from './specs/abweichung.ts';
import { auslastungSpec } from './specs/auslastung.ts';
import { hilfeartenSpec } from './specs/hilfearten.ts';
import { praeventionSpec } from './specs/praevention.ts';
import type { Kontext, Spezifikation, Zeile } from './specs/rahmen.ts';
import { sozialraeumeSpec } from './specs/sozialraeume.ts';
import { trendSpec } from './specs/trend.ts';
import { verlaufSpec } from './specs/verlauf.ts';

/** Whose rows a chart shows: the view whose access rule applies (api/zugang/bereich.ts). */
export type GrafikSicht = 'abweichung' | 'verbrauch' | 'finanzvolumen';

export interface Grafik {
  name: string;
  titel: string;
  /** sozialraum: one chart per Sozialraum; landkreis: one for the county */
  ebene: 'sozialraum' | 'landkreis';
  sicht: GrafikSicht;
  /** the query in grafiken/daten/ */
  daten: string;
  spec: (zeilen: Zeile[], k: Kontext) => Spezifikation;
}

export const GRAFIKEN: readonly Grafik[] = [
  { name: 'abweichung', titel: 'Abweichung zum Quartalsende', ebene: 'sozialraum', sicht: 'abweichung', daten: 'abweichung', spec: abweichungSpec },
  { name: 'verlauf', titel: 'Verlauf', ebene: 'sozialraum', sicht: 'abweichung', daten: 'verlauf', spec: verlaufSpec },
  { name: 'hilfearten', titel: 'Hilfearten', ebene: 'sozialraum', sicht: 'verbrauch', daten: 'hilfearten', spec: hilfeartenSpec },
  { name: 'praevention', titel: 'Prävention und Netzwerk', ebene: 'sozialraum', sicht: 'finanzvolumen', daten: 'praevention', spec: praeventionSpec },
  { name: 'auslastung', titel: 'Auslastung des Sozialraumteams', ebene: 'sozialraum', sicht: 'finanzvolumen', daten: 'auslastung', spec: auslastungSpec },
  { name: 'sozialraeume', titel: 'Die Sozialräume im Vergleich', ebene: 'landkreis', sicht: 'abweichung', daten: 'abweichung', spec: sozialraeumeSpec },
  { name: 'trend', titel: 'Verbrauch und Gesamtfinanzvolumen über die Jahre', ebene: 'landkreis', sicht: 'finanzvolumen', daten: 'trend', spec: trendSpec },
];

export const GRAFIK_NAMEN = GRAFIKEN.map((g) => g.name);

export function grafikNamens(name: string): Grafik | undefined {
  return GRAFIKEN.find((g) => g.name === name);
}
