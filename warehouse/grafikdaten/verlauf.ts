import { z } from 'zod';
import { dezimal, ganzzahl } from './felder.ts';

/** A row of verlauf.sql: one point of a Topf's series (Ist, Prognose, Budget anteilig) at the end of a month. */
export const verlaufZeile = z.object({
  sozialraum: z.string(),
  topf: z.string(),
  topf_name: z.string(),
  reihenfolge: ganzzahl,
  reihe: z.enum(['Ist', 'Prognose', 'Budget anteilig']),
  /** 0 (the start of the year) to 12 */
  monat: ganzzahl,
  betrag: dezimal.nullable(),
  /** which phasing the budget line follows: linear or the stored profile */
  phasierung: z.string(),
});
export type VerlaufZeile = z.infer<typeof verlaufZeile>;
