import { z } from 'zod';

/** A row of kontrakt_abgleich.sql: a contract as the youth office and the Träger each know it. */
export const kontraktAbgleichZeile = z.object({
  kontrakt: z.string(),
  status: z.string(),
  abweichende_felder: z.string().nullable(),
  sozialraum: z.string().nullable(),
  traeger: z.string().nullable(),
  zeichnung_befund: z.string().nullable(),
  wohnort_befund: z.string().nullable(),
});
export type KontraktAbgleichZeile = z.infer<typeof kontraktAbgleichZeile>;
