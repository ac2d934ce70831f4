import { z } from 'zod';
import { betrag } from '../abfragen/felder.ts';

/** A row of werte.sql: a forecast cell of a version. */
export const prognosewert = z.object({ topf: z.string(), monat: z.number(), betrag });
export type Prognosewert = z.infer<typeof prognosewert>;
