// The field types the figures' rows share (one declaration each; the API and the add-in take them from here).
import { z } from 'zod';

/** Exact decimals travel as strings ("1234.56"): a JSON number would pass through binary floating point. */
export const betrag = z.string().meta({ example: '1595061.66' });

/** A calendar day as DuckDB writes it to JSON (JJJJ-MM-TT). */
export const datum = z.string().meta({ example: '2026-09-30' });

/** How a pot stands at a quarter end (schema view abweichung, docs/regeln.md §4). */
export const ABWEICHUNGSSTATUS = ['nicht_auskoemmlich', 'knapp', 'im_rahmen', 'freie_mittel'] as const;
export type Abweichungsstatus = (typeof ABWEICHUNGSSTATUS)[number];

/** How soll_bis_stichtag spreads the budget over the months. */
export const PHASIERUNGEN = ['linear', 'profil'] as const;
export const phasierung = z.enum(PHASIERUNGEN);

/** The pots a forecast or a reallocation names. */
export const TOEPFE = ['personalisiert', 'variabel', 'asd'] as const;
