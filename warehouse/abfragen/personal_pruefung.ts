import { z } from 'zod';

/** A row of personal_pruefung.sql: a staff rule of a Sozialraum team that is not met. */
export const personalPruefungZeile = z.object({
  jahr: z.number(),
  sozialraum: z.string(),
  traeger: z.string().nullable(),
  mitarbeiter: z.string().nullable(),
  regel: z.string(),
  befund: z.string(),
});
export type PersonalPruefungZeile = z.infer<typeof personalPruefungZeile>;
