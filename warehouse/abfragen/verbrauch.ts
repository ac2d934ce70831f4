import { z } from 'zod';
import { betrag } from './felder.ts';

/** Dimensions `verbrauch` may be grouped by. */
export const VERBRAUCH_GRUPPEN = ['jahr', 'monat', 'sozialraum', 'topf', 'hilfeart', 'segment', 'traeger'] as const;

/**
 * A row of verbrauch.sql: the use up to a month, grouped by the dimensions asked for ({{gruppe}}), so
 * each dimension is there only when grouped by.
 */
export const verbrauchZeile = z.object({
  jahr: z.number().optional(),
  monat: z.number().optional(),
  sozialraum: z.string().optional(),
  topf: z.string().optional(),
  hilfeart: z.string().nullable().optional(),
  segment: z.string().nullable().optional(),
  traeger: z.string().nullable().optional(),
  stunden: betrag.nullable(),
  betrag,
});
export type VerbrauchZeile = z.infer<typeof verbrauchZeile>;
