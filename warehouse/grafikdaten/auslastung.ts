import { z } from 'zod';
import { dezimal, ganzzahl } from './felder.ts';

/** A row of auslastung.sql: the team's hours of one month against a twelfth of its yearly capacity. */
export const auslastungZeile = z.object({
  sozialraum: z.string(),
  monat: ganzzahl,
  stunden: dezimal,
  kapazitaet: dezimal.nullable(),
  /** January to the quarter end, the same in every row of a Sozialraum; null without a capacity */
  auslastung_prozent: dezimal.nullable(),
});
export type AuslastungZeile = z.infer<typeof auslastungZeile>;
