import { z } from 'zod';

/** A row of versionen.sql: one written version of a forecast (newest first). */
export const prognoseversion = z.object({
  version_id: z.number(),
  basis_version: z.number().nullable(),
  autor: z.string(),
  organisation: z.string(),
  zeitpunkt: z.string(),
  kommentar: z.string().nullable(),
});
export type Prognoseversion = z.infer<typeof prognoseversion>;
