import { z } from 'zod';

/** A row of dateien.sql: a load the rows shown come from (the same for a Fachcontrolling count, fachcontrolling.sql). */
export const herkunftDatei = z.object({
  ladung_id: z.number(),
  dateiname: z.string(),
  absender: z.string(),
  zeitpunkt: z.string(),
  /** Only for loads the caller may see in the load log (import_protokoll). */
  benutzer: z.string().nullable(),
  inhalt_hash: z.string().nullable(),
  zeilen: z.number(),
  /** The original file is kept and can be downloaded (youth-office roles). */
  datei_vorhanden: z.boolean(),
});
export type HerkunftDatei = z.infer<typeof herkunftDatei>;
