import { z } from 'zod';
import { betrag } from './felder.ts';

/** A row of abrechnung_grundlage.sql: what the settlement of a Sozialraum rests on (for its report). */
export const abrechnungGrundlageZeile = z.object({
  sozialraum: z.string(),
  langname: z.string(),
  sozialraumzentrum: z.string().nullable(),
  personalisiertes_finanzvolumen: betrag.nullable(),
  stellenfaktor: betrag.nullable(),
  sachkostenpauschale: betrag.nullable(),
  personalkostenanteil: betrag.nullable(),
  vertragszeitraum: z.string().nullable(),
});
export type AbrechnungGrundlageZeile = z.infer<typeof abrechnungGrundlageZeile>;
