import { z } from 'zod';

/** A row of paket_befunde.sql: how many open points of one rule a Sozialraum has, and what to do. */
export const paketBefundZeile = z.object({
  sozialraum_name: z.string(),
  sozialraum: z.string(),
  thema: z.string(),
  regel: z.string(),
  /** count(*) is a BIGINT, which DuckDB hands over as text */
  anzahl: z.string().regex(/^\d+$/),
  /** a count of cases below kleinste_fallzahl (docs/regeln.md §9) */
  unterdrueckt: z.boolean(),
  /** the count as the pack shows it: the number, or „<3“ */
  anzahl_text: z.string(),
  massnahme: z.string().nullable(),
});
export type PaketBefundZeile = z.infer<typeof paketBefundZeile>;
