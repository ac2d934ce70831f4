import { z } from 'zod';

// Field types the chart rows share. DuckDB hands DECIMAL columns over as exact text ("-1234.50"), never
// as a binary float; the rows keep it so, and every label is formatted from that text.
// (The figure rows in abfragen/ declare the same; one shared declaration once both are in.)

/** An exact decimal (money, hours, percent) as DuckDB's text. */
export const dezimal = z.string().regex(/^-?\d+(\.\d+)?$/);
/** INTEGER columns (year, quarter, month, order) come as numbers. */
export const ganzzahl = z.number().int();
/** The variance status of view abweichung (docs/regeln.md). */
export const status = z.enum(['nicht_auskoemmlich', 'knapp', 'im_rahmen', 'freie_mittel']);
