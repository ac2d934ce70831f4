import { z } from 'zod';
import { betrag } from './felder.ts';

/** A row of ist_genau.sql: the exact use of a pot in a month (for the SRB.* formulas). */
export const istGenauZeile = z.object({
  sozialraum: z.string(),
  monat: z.number(),
  topf: z.string(),
  betrag_genau: betrag,
});
export type IstGenauZeile = z.infer<typeof istGenauZeile>;
