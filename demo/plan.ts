// How much of each pot a Sozialraum uses in a year. Hours and payments are sized from these
// factors, so the controlling reports show varying statuses: some years over budget, some with
// free funds, and in the latest year one Sozialraum clearly under and one clearly over.

import { SOZIALRAEUME, type SozialraumCode } from './landkreis.js';
import { ERSTES_JAHR } from './budget.js';
import { Zufall } from './zufall.js';

export interface Verbrauch {
  /** team hours × FLS relative to P */
  team: number;
  /** (variable hours × FLS + variable payments) relative to V */
  variabel: number;
  /** share of the variable use paid as money to outside providers (rest: Träger hours) */
  zahlungsanteil: number;
  /** ASD payments relative to the ASD pot */
  asd: number;
  /** share of team hours in segment fallunspezifisch */
  praevention: number;
}

export const UNTER_SOZIALRAUM: SozialraumCode = 'saarburg';
export const UEBER_SOZIALRAUM: SozialraumCode = 'schweich';

export function verbrauchsplan(seed: number, bisJahr: number): Map<string, Verbrauch> {
  const out = new Map<string, Verbrauch>();
  for (const sr of SOZIALRAEUME) {
    const z = Zufall.fuer(seed, 'verbrauch', sr.code);
    for (let jahr = ERSTES_JAHR; jahr <= bisJahr; jahr++) {
      const v: Verbrauch = {
        team: z.zwischen(0.94, 1.04),
        variabel: z.zwischen(0.87, 1.13),
        zahlungsanteil: z.zwischen(0.42, 0.58),
        asd: z.zwischen(0.88, 1.08),
        praevention: z.zwischen(0.1, 0.14),
      };
      if (jahr === bisJahr) {
        if (sr.code === UNTER_SOZIALRAUM) {
          v.team = 0.84;
          v.variabel = 0.72;
          v.asd = 0.85;
        } else if (sr.code === UEBER_SOZIALRAUM) {
          v.team = 1.03;
          v.variabel = 1.25;
          v.asd = 1.1;
        }
      }
      out.set(`${jahr}|${sr.code}`, v);
    }
  }
  return out;
}

export function holeVerbrauch(plan: ReadonlyMap<string, Verbrauch>, jahr: number, sr: SozialraumCode): Verbrauch {
  const v = plan.get(`${jahr}|${sr}`);
  if (!v) throw new Error(`Kein Verbrauchsplan für ${sr} ${jahr}`);
  return v;
}
