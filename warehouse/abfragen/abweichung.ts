import { z } from 'zod';
import { ABWEICHUNGSSTATUS, betrag, datum, phasierung } from './felder.ts';

/** A row of abweichung.sql: a pot of a Sozialraum at a quarter end. */
export const abweichungZeile = z.object({
  jahr: z.number(),
  quartal: z.number(),
  stichtag: datum,
  sozialraum: z.string(),
  topf: z.string(),
  budget: betrag.nullable(),
  soll_bis_stichtag: betrag.nullable(),
  ist_bis_stichtag: betrag,
  prognose_rest: betrag.nullable(),
  davon_umschichtung: betrag.meta({
    description: 'Teil von prognose_rest, der aus beschlossenen Umschichtungen in die Prävention stammt',
  }),
  hochrechnung: betrag.nullable(),
  abweichung: betrag.nullable(),
  abweichung_prozent: betrag.nullable(),
  status: z.enum(ABWEICHUNGSSTATUS),
  prognose_methode: z.string(),
  prognose_version: z.number().nullable(),
  phasierung: phasierung.meta({
    description:
      'Wie soll_bis_stichtag das Budget verteilt: linear (Monate / 12) oder nach dem gespeicherten Phasierungsprofil',
  }),
});
export type AbweichungZeile = z.infer<typeof abweichungZeile>;
