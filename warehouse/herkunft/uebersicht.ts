import { z } from 'zod';
import { betrag } from '../abfragen/felder.ts';

/** The one row of uebersicht.sql: the rows a figure rests on, shown one by one and the others, and their sums. */
export const herkunftUebersicht = z.object({
  zeilen: z.number(),
  andere_zeilen: z.number(),
  summe: betrag.nullable(),
  andere_summe: betrag.nullable(),
});
