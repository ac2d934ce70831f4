import { z } from 'zod';
import { dezimal, status } from './felder.ts';

/** A row of paket_sozialraeume.sql: a Sozialraum with figures at the quarter end, and its total. */
export const paketSozialraumZeile = z.object({
  sozialraum: z.string(),
  name: z.string(),
  budget: dezimal.nullable(),
  hochrechnung: dezimal.nullable(),
  abweichung: dezimal.nullable(),
  abweichung_prozent: dezimal.nullable(),
  status,
});
export type PaketSozialraumZeile = z.infer<typeof paketSozialraumZeile>;
