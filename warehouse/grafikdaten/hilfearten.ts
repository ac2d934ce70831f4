import { z } from 'zod';
import { dezimal, ganzzahl } from './felder.ts';

/** A row of hilfearten.sql: hours of a Hilfeart and segment from January to the quarter end of one year. */
export const hilfeartenZeile = z.object({
  sozialraum: z.string(),
  jahr: ganzzahl,
  /** the code, or 'ohne' for prevention work */
  hilfeart: z.string(),
  hilfeart_name: z.string(),
  segment: z.string(),
  segment_name: z.string(),
  stunden: dezimal,
});
export type HilfeartenZeile = z.infer<typeof hilfeartenZeile>;
