import type { Diagrammbindung } from '../excel/index.ts';
import { BLAETTER } from './blaetter.ts';

// The pack's colours for the native chart. The add-in may not import grafiken/ (docs/architektur.md:
// the add-in takes only types of the API), so the table is copied here until a shared leaf (format/)
// holds it; test/addin-diagramm.test.ts fails when it and grafiken/stil.ts drift apart.

/** grafiken/stil.ts STATUS_FARBE: the Hochrechnung's colour per status of the variance. */
export const STATUS_FARBE: Record<string, string> = {
  nicht_auskoemmlich: '#c0392b',
  knapp: '#e0a100',
  im_rahmen: '#3a8d5c',
  freie_mittel: '#2f7fc1',
};
/** The pack's grey budget bar (grafiken/specs/abweichung.ts). */
export const BUDGET_FARBE = '#d6d6d6';
/** A Hochrechnung without a known status: dark grey (the pack's colour for Gesamt). */
export const OHNE_STATUS_FARBE = '#4a4a4a';

/**
 * The pack's variance chart as an editable Excel chart over SRB_Abweichung: per Sozialraum and Topf
 * (a two-level axis) the budget in grey beside the Hochrechnung in the colour of its status.
 */
const titel = (name: string) => BLAETTER.abweichung.spalten.find((s) => s.name === name)!.titel;

export const ABWEICHUNGSDIAGRAMM: Diagrammbindung = {
  name: 'SRB_Abweichungsdiagramm',
  titel: 'Abweichung zum Quartalsende: Budget und Hochrechnung',
  kategorien: [titel('sozialraum'), titel('topf')],
  reihen: [
    { spalte: titel('budget'), farbe: BUDGET_FARBE },
    {
      spalte: titel('hochrechnung'),
      farbe: OHNE_STATUS_FARBE,
      farbeJe: { spalte: titel('status'), farben: STATUS_FARBE },
    },
  ],
};
