import { z } from 'zod';

/** A row of befunde.sql: an open point the warehouse knows, with what to do about it. */
export const befundeZeile = z.object({
  thema: z.enum(['kontrakt', 'zeichnung', 'personal', 'abrechnung', 'buchung_ohne_budget']),
  regel: z.string(),
  jahr: z.number().nullable(),
  sozialraum: z.string(),
  traeger: z.string().nullable(),
  objekt: z.string().nullable().meta({ description: 'Kontrakt oder Mitarbeiter-Pseudonym, um das es geht' }),
  befund: z.string(),
  massnahme: z.string().meta({ description: 'Was zu tun ist, damit der Punkt sich erledigt' }),
});
export type BefundeZeile = z.infer<typeof befundeZeile>;
