import { z } from 'zod';
import { betrag } from '../abfragen/felder.ts';

/** A row of zeilen.sql: an export row behind a figure, with its file and the load that replaced it (history). */
export const herkunftZeile = z.object({
  ladung_id: z.number(),
  datei: z.string(),
  zeile: z
    .number()
    .nullable()
    .meta({ description: 'Zeile in der Datei wie in den Ablehnungsberichten (Kopfzeile = 1; Excel: Blattzeile)' }),
  absender: z.string(),
  geladen_am: z.string(),
  quelle: z.string().meta({ description: 'leistung, zahlung, personalkosten oder budget' }),
  jahr: z.number(),
  monat: z.number().nullable(),
  datum: z.string().nullable(),
  sozialraum: z.string(),
  topf: z.string().nullable(),
  traeger: z.string().nullable(),
  hilfeart: z.string().nullable(),
  segment: z.string().nullable(),
  stunden: z.string().nullable(),
  betrag: betrag
    .nullable()
    .meta({ description: 'Genau (Stunden × FLS auf 4 Stellen); die Zahl rundet die Summe einmal' }),
  ersetzt_durch: z.number().nullable(),
  ersetzt_durch_datei: z.string().nullable(),
  ersetzt_am: z.string().nullable(),
});
export type HerkunftZeile = z.infer<typeof herkunftZeile>;
