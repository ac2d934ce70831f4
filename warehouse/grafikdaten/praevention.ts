import { z } from 'zod';
import { dezimal, ganzzahl } from './felder.ts';

/** A row of praevention.sql: prevention work of a Sozialraum to the end of one quarter, against its floor. */
export const praeventionZeile = z.object({
  sozialraum: z.string(),
  quartal: ganzzahl,
  praevention_mindestens: dezimal.nullable(),
  mindestens_anteilig: dezimal.nullable(),
  ist_bis_stichtag: dezimal.nullable(),
  umschichtung: dezimal.nullable(),
  ist_und_geplant: dezimal.nullable(),
});
export type PraeventionZeile = z.infer<typeof praeventionZeile>;
