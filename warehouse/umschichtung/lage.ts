import { z } from 'zod';
import { betrag } from '../abfragen/felder.ts';

/** The one row of lage.sql: what decides whether a reallocation may be recorded. */
export const lageZeile = z.object({
  abgeschlossen: z.boolean(),
  beschluss_in_zukunft: z.boolean(),
  budget_vorhanden: z.boolean(),
  quartal: z.number().nullable(),
  vorschlag: betrag,
  ueber_vorschlag: z.boolean(),
  bisher: betrag,
  storno_zu_gross: z.boolean(),
});
export type Lage = z.infer<typeof lageZeile>;
