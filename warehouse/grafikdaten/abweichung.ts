import { z } from 'zod';
import { dezimal, ganzzahl, status } from './felder.ts';

/** A row of abweichung.sql: one Topf (and the total) of a Sozialraum at the quarter end. */
export const abweichungZeile = z.object({
  sozialraum: z.string(),
  sozialraum_name: z.string(),
  topf: z.string(),
  topf_name: z.string(),
  reihenfolge: ganzzahl,
  budget: dezimal.nullable(),
  ist_bis_stichtag: dezimal.nullable(),
  prognose_rest: dezimal.nullable(),
  davon_umschichtung: dezimal.nullable(),
  hochrechnung: dezimal.nullable(),
  abweichung: dezimal.nullable(),
  /** null where the budget is 0 */
  abweichung_prozent: dezimal.nullable(),
  status,
  prognose_methode: z.string().nullable(),
});
export type AbweichungZeile = z.infer<typeof abweichungZeile>;
