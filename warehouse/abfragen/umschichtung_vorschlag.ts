import { z } from 'zod';
import { betrag } from './felder.ts';

/** A row of umschichtung_vorschlag.sql: free funds of a Sozialraum at a quarter end. */
export const umschichtungVorschlagZeile = z.object({
  jahr: z.number(),
  quartal: z.number(),
  sozialraum: z.string(),
  budget: betrag,
  hochrechnung: betrag,
  reserve: betrag,
  vorschlag: betrag,
});
export type UmschichtungVorschlagZeile = z.infer<typeof umschichtungVorschlagZeile>;
