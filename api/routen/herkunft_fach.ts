import { z } from '@hono/zod-openapi';
import { FACH_HERKUNFT_SPALTEN } from '../../warehouse/index.ts';
import { herkunftDatei } from './schemas.ts';

// The answer of GET /herkunft?kennzahl=fachcontrolling (docs/regeln.md §7.4, §8): the youth office's contract
// rows a count counts. Neither case nor contract is named.

const kontraktZeile = z
  .object({
    ladung_id: z.number(),
    datei: z.string(),
    zeile: z
      .number()
      .nullable()
      .openapi({ description: 'Zeile in der Kontraktliste wie in den Ablehnungsberichten (Kopfzeile = 1)' }),
    absender: z.string(),
    geladen_am: z.string(),
    sozialraum: z.string(),
    hilfeart: z.string(),
    traeger: z
      .string()
      .nullable()
      .openapi({ description: 'Der Träger, dessen eigene Kontraktliste denselben Kontrakt führt; leer: keiner' }),
    beginn: z.string(),
    ende: z.string().nullable(),
    beendigungsgrund: z.string().nullable(),
    zielerreichung: z.string().nullable(),
  })
  .openapi('HerkunftKontraktZeile');

export const herkunftFachAntwort = z
  .object({
    kennzahl: z.literal('fachcontrolling'),
    spalte: z.enum(FACH_HERKUNFT_SPALTEN),
    wert: z.number().openapi({ description: 'Die Zelle, wie die API sie diesem Benutzer liefert' }),
    summe: z
      .number()
      .openapi({ description: 'Wie viele Zeilen die Zahl in diesem Bereich zählt (einzeln und ohne Einzelheiten)' }),
    stimmt: z.boolean().openapi({ description: 'summe = wert' }),
    anzahl: z.number(),
    seite: z.number(),
    pro_seite: z.number(),
    zeilen: z.array(kontraktZeile),
    andere: z
      .object({ zeilen: z.union([z.number(), z.string()]), text: z.string() })
      .nullable()
      .openapi({
        description: 'Gezählte Zeilen ohne Einzelheiten (andere Träger; ohne exakte Fallzahlen alle); „<3“ unter 3',
      }),
    dateien: z.array(herkunftDatei),
    hinweis: z.string(),
  })
  .openapi('HerkunftFachcontrolling');
