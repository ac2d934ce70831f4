import { z } from 'zod';
import { betrag, datum } from './felder.ts';

/** A row of umschichtungen.sql: a recorded reallocation to prevention. */
export const umschichtungenZeile = z.object({
  umschichtung_id: z.number(),
  jahr: z.number(),
  sozialraum: z.string(),
  topf: z.string(),
  betrag,
  gremium: z.string(),
  beschlussdatum: datum,
  kommentar: z.string().nullable(),
  ueberschreitung_begruendung: z.string().nullable(),
  autor: z.string(),
  zeitpunkt: z.string(),
});
export type UmschichtungenZeile = z.infer<typeof umschichtungenZeile>;
