import { z } from 'zod';
import { betrag } from './felder.ts';

/** A row of finanzvolumen.sql: the year's funding of a Sozialraum, parts and parameters (docs/regeln.md §2). */
export const finanzvolumenZeile = z.object({
  jahr: z.number(),
  sozialraum: z.string(),
  gesamtfinanzvolumen: betrag.nullable(),
  asd_finanzvolumen: betrag.nullable(),
  sozialraumfinanzvolumen: betrag.nullable(),
  personalisiertes_finanzvolumen: betrag.nullable(),
  variables_finanzvolumen: betrag.nullable(),
  praevention_mindestens: betrag.nullable(),
  fachleistungsstunde: betrag,
  planstellen: betrag.nullable(),
  kapazitaet_stunden: betrag.nullable(),
  stellenfaktor: betrag,
  bruttojahresarbeitszeit: betrag,
  fortgeschrieben: z.boolean(),
});
export type FinanzvolumenZeile = z.infer<typeof finanzvolumenZeile>;
