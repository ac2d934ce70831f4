import type { TopLevelSpec } from 'vega-lite';
import { KONFIGURATION } from '../stil.ts';

/** What every chart's title says: where and when. */
export interface Kontext {
  jahr: number;
  quartal: number;
  /** Quarter end, TT.MM.JJJJ */
  stichtag: string;
  /** Display name of the Sozialraum; absent for the county's charts */
  sozialraumName?: string;
}

/** A row as the charts of the Fachcontrolling get it (counts may read „<3“, docs/regeln.md §9). */
export type Zeile = Readonly<Record<string, unknown>>;
/** An exact decimal as the warehouse hands it over ("-1234.50"): plotted as a number, labelled from the text. */
export type Dezimal = string;
export type Spezifikation = TopLevelSpec;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export function ort(k: Kontext): string {
  return k.sozialraumName ? `Sozialraum ${k.sozialraumName}` : 'Landkreis Trier-Saarburg';
}

export function zeitpunkt(k: Kontext): string {
  return `${k.quartal}. Quartal ${k.jahr} (Stichtag ${k.stichtag})`;
}

/** Schema, title, German config: the frame of every spec. */
export function rahmen(titel: string, untertitel: string[], rest: Record<string, unknown>): Spezifikation {
  return {
    $schema: SCHEMA,
    title: { text: titel, subtitle: untertitel },
    config: KONFIGURATION,
    ...rest,
  } as Spezifikation;
}
