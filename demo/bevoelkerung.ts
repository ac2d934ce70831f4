// Young residents per municipality (export kind `bevoelkerung`, docs/regeln.md §7), the reference of the
// rate per 1.000 (§8). INVENTED demo values: only their orders of magnitude follow the county's public
// statistics (about 150.000 inhabitants, a fifth of them under 21; Konz the largest town), no figure is
// an official one.

import path from 'node:path';
import { ERSTES_JAHR } from './budget.js';
import { JUGENDAMT_DIALEKT, type Gemeinde, type SozialraumCode } from './landkreis.js';
import { schreibeCsv } from './schreiber.js';
import { Zufall } from './zufall.js';

/** Residents under 21 per Sozialraum around 2020 (invented, of the county's order of magnitude). */
const UNTER_21: Readonly<Record<SozialraumCode, number>> = {
  konz: 6600,
  schweich: 14000,
  hermeskeil: 4000,
  saarburg: 6000,
};
/** Each Sozialraum's town and its share of the Sozialraum's young residents. */
const STADT: Readonly<Record<SozialraumCode, readonly [string, number]>> = {
  konz: ['Konz', 0.55],
  schweich: ['Schweich', 0.12],
  saarburg: ['Saarburg', 0.25],
  hermeskeil: ['Hermeskeil', 0.3],
};
/** Shares of the four age groups (6, 8, 4 and 3 years of age). */
const ALTERSGRUPPEN: readonly (readonly [string, number])[] = [
  ['0-5', 0.28],
  ['6-13', 0.38],
  ['14-17', 0.19],
  ['18-20', 0.15],
];

/** Thousands dots, as a statistics office's table writes them. */
function anzahlText(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** One file with every year from the year before the first budget to the year before `bisJahr` (the stand on 31 December). */
export async function schreibeBevoelkerung(
  dir: string,
  seed: number,
  gemeinden: readonly Gemeinde[],
  bisJahr: number,
): Promise<string> {
  const z = Zufall.fuer(seed, 'bevoelkerung');
  const gewicht = new Map<string, number>();
  const summe = new Map<SozialraumCode, number>();
  const istStadt = (g: Gemeinde) => STADT[g.sozialraum][0] === g.gemeinde;
  for (const g of gemeinden) {
    if (istStadt(g)) continue;
    const w = z.int(2, 14);
    gewicht.set(g.ags, w);
    summe.set(g.sozialraum, (summe.get(g.sozialraum) ?? 0) + w);
  }
  const zeilen: string[][] = [];
  for (let jahr = ERSTES_JAHR - 1; jahr < bisJahr; jahr++) {
    for (const g of gemeinden) {
      const stadt = STADT[g.sozialraum][1];
      const anteil = istStadt(g) ? stadt : ((1 - stadt) * gewicht.get(g.ags)!) / summe.get(g.sozialraum)!;
      // a slow rise of the young population, and some noise per municipality and year
      const gesamt = UNTER_21[g.sozialraum] * anteil * (1 + 0.004 * (jahr - 2020)) * z.zwischen(0.98, 1.02);
      let rest = Math.round(gesamt);
      ALTERSGRUPPEN.forEach(([gruppe, a], i) => {
        const n = i === ALTERSGRUPPEN.length - 1 ? rest : Math.round(gesamt * a);
        rest -= n;
        zeilen.push([String(jahr), g.ags, gruppe, anzahlText(n)]);
      });
    }
  }
  const datei = path.join(dir, 'bevoelkerung.csv');
  await schreibeCsv(datei, JUGENDAMT_DIALEKT, ['jahr', 'wohnort_ags', 'altersgruppe', 'anzahl'], zeilen);
  return datei;
}
