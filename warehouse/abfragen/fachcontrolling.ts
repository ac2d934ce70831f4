import { z } from 'zod';
import { betrag, datum } from './felder.ts';

/** The view's counts of cases and helps (§8): what the small-number protection guards and Herkunft traces. */
export const FACHCONTROLLING_ANZAHLEN = [
  'faelle',
  'neue_hilfen',
  'beendete_hilfen',
  'laufende_hilfen',
  'beendet_planmaessig',
  'beendet_anderer_grund',
  'beendet_ohne_grund',
  'ziel_erreicht',
  'ziel_teilweise',
  'ziel_nicht_erreicht',
  'ziel_ohne_bewertung',
  'wiederaufnahmen',
] as const;

const kennzahl = betrag
  .nullable()
  .meta({ description: 'Exakte Dezimalzahl als Text; „<3“ wo sie aus einer verdeckten Anzahl folgt' });

/**
 * A row of fachcontrolling.sql: Fachcontrolling and Wirkungskontrolle of a Sozialraum and Hilfeart in a
 * year or quarter (docs/regeln.md §8), exact. What leaves the warehouse for most roles is
 * `geschuetzteFachcontrollingZeile`.
 */
export const fachcontrollingZeile = z.object({
  jahr: z.number(),
  quartal: z.number().nullable().meta({ description: 'leer: das Jahr (bis zum letzten beendeten Quartal)' }),
  sozialraum: z.string().meta({ description: 'Sozialraum oder gesamt (Landkreis)' }),
  hilfeart: z.string().meta({ description: 'Hilfeart oder gesamt' }),
  faelle: z.number(),
  neue_hilfen: z.number(),
  beendete_hilfen: z.number(),
  laufende_hilfen: z.number(),
  hilfedauer_mittel_monate: kennzahl,
  hilfedauer_median_monate: kennzahl,
  stunden_je_fall: kennzahl,
  kosten_je_fall: kennzahl,
  anteil_fallspezifisch: kennzahl,
  anteil_fallbezogen: kennzahl,
  anteil_fallunspezifisch: kennzahl,
  einwohner_unter_21: z.number().nullable(),
  eckwert: kennzahl,
  beendet_planmaessig: z.number(),
  beendet_anderer_grund: z.number(),
  beendet_ohne_grund: z.number(),
  anteil_planmaessig: kennzahl,
  ziel_erreicht: z.number(),
  ziel_teilweise: z.number(),
  ziel_nicht_erreicht: z.number(),
  ziel_ohne_bewertung: z.number(),
  anteil_erreicht: kennzahl,
  anteil_teilweise: kennzahl,
  anteil_nicht_erreicht: kennzahl,
  wiederaufnahmen: z.number(),
  anteil_wiederaufnahme: kennzahl,
  von: datum,
  bis: datum,
});
export type FachcontrollingZeile = z.infer<typeof fachcontrollingZeile>;

// A count of cases, or „<3“ where the small-number protection hides it (docs/regeln.md §9).
const anzahl = z.union([z.number(), z.string()]).meta({
  description: 'Anzahl; „<3“ wo der Schutz kleiner Fallzahlen sie verdeckt (alle Rollen außer jugendamt_controller)',
});

/** A row as it leaves the warehouse: exact, or with the counts the protection hides as „<3“ and the column `unterdrueckt`. */
export const geschuetzteFachcontrollingZeile = fachcontrollingZeile.extend({
  faelle: anzahl,
  neue_hilfen: anzahl,
  beendete_hilfen: anzahl,
  laufende_hilfen: anzahl,
  beendet_planmaessig: anzahl,
  beendet_anderer_grund: anzahl,
  beendet_ohne_grund: anzahl,
  ziel_erreicht: anzahl,
  ziel_teilweise: anzahl,
  ziel_nicht_erreicht: anzahl,
  ziel_ohne_bewertung: anzahl,
  wiederaufnahmen: anzahl,
  unterdrueckt: z
    .string()
    .optional()
    .meta({ description: 'Die verdeckten Spalten der Zeile (fehlt bei exakten Zahlen)' }),
});
export type GeschuetzteFachcontrollingZeile = z.infer<typeof geschuetzteFachcontrollingZeile>;
