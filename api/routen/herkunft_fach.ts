import { z } from '@hono/zod-openapi';
import { FACH_HERKUNFT_SPALTEN, herkunftDatei, kontraktZeile } from '../../warehouse/index.ts';
import { benannt } from './schemas.ts';

// The answer of GET /herkunft?kennzahl=fachcontrolling (docs/regeln.md §7.4, §8): the youth office's contract
// rows a count counts (their schema beside fachcontrolling.sql). Neither case nor contract is named.

const zeile = benannt('HerkunftKontraktZeile', kontraktZeile);

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
    zeilen: z.array(zeile),
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
