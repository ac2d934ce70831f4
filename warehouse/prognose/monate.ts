import { z } from 'zod';
import { betrag, phasierung } from '../abfragen/felder.ts';

/** A row of monate.sql: a pot's month on the forecast sheet, without the written forecast (that comes from werte.sql). */
export const monateZeile = z.object({
  topf: z.string(),
  monat: z.number(),
  ist: betrag.nullable().meta({ description: 'Ist-Verbrauch (nur Monate bis letzterIstMonat)' }),
  automatisch: betrag
    .nullable()
    .meta({ description: 'Automatische Projektion (nur offene Monate): saisonal nach den Vorjahren, sonst linear' }),
  soll: betrag
    .nullable()
    .meta({ description: 'Anteiliges Budget des Monats, phasiert wie soll_bis_stichtag der Abweichung' }),
  phasierung: phasierung
    .nullable()
    .meta({ description: 'linear (1/12 je Monat) oder das gespeicherte Phasierungsprofil' }),
});

/** A month of the forecast sheet: actuals, projection, phased budget and the latest written forecast (docs/regeln.md §5). */
export const prognosemonat = monateZeile.extend({
  prognose: betrag.nullable().meta({ description: 'Zuletzt zurückgeschriebener Wert (nur offene Monate)' }),
});
export type Prognosemonat = z.infer<typeof prognosemonat>;
