import { z } from 'zod';
import { dezimal, ganzzahl } from './felder.ts';

/** A row of trend.sql: one year's total use (the quarter's year as Hochrechnung) against the Gesamtfinanzvolumen. */
export const trendZeile = z.object({
  jahr: ganzzahl,
  gesamtfinanzvolumen: dezimal.nullable(),
  verbrauch: dezimal.nullable(),
  art: z.enum(['Ist', 'Hochrechnung']),
});
export type TrendZeile = z.infer<typeof trendZeile>;
