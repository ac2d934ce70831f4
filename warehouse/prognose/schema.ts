import { z } from 'zod';
import { prognosemonat } from './monate.ts';
import { prognoseversion } from './versionen.ts';
import { prognosewert } from './werte.ts';

/** The latest forecast of a Sozialraum and year with its cells and the history of versions. */
export const prognose = z.object({
  jahr: z.number(),
  sozialraum: z.string(),
  letzterIstMonat: z.number(),
  version: prognoseversion.nullable(),
  werte: z.array(prognosewert),
  versionen: z.array(prognoseversion),
});
export type Prognose = z.infer<typeof prognose>;

/** What a forecast sheet shows: the forecast and per pot and month what the sheet lists. */
export const prognoseblatt = prognose.extend({ monate: z.array(prognosemonat) });
export type Prognoseblatt = z.infer<typeof prognoseblatt>;
