import { z } from 'zod';

/** A row of jahresabrechnung_befund.sql: what stands in the way of a clean settlement. */
export const jahresabrechnungBefundZeile = z.object({
  jahr: z.number(),
  sozialraum: z.string(),
  traeger: z.string().nullable(),
  mitarbeiter: z.string().nullable(),
  regel: z.string(),
  befund: z.string(),
});
export type JahresabrechnungBefundZeile = z.infer<typeof jahresabrechnungBefundZeile>;
