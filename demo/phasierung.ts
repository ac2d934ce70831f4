// The youth office's phasing profile (docs/regeln.md §5, §7) for one Sozialraum and pot of the running
// year: Hermeskeil's variable pot is used unevenly (few outside providers over the summer holidays,
// much in autumn), so its budget is phased by month instead of 1/12 each. Shares in percent, 100 in all.

import path from 'node:path';
import { JUGENDAMT_DIALEKT } from './landkreis.js';
import { schreibeCsv } from './schreiber.js';

const ANTEILE = ['8', '8', '8,5', '8,5', '8', '7', '6', '6', '9', '10', '10,5', '10,5'];

export async function schreibePhasierung(dir: string, jahr: number): Promise<string> {
  const datei = path.join(dir, `phasierung_${jahr}.csv`);
  await schreibeCsv(
    datei,
    JUGENDAMT_DIALEKT,
    ['jahr', 'sozialraum', 'topf', 'monat', 'anteil'],
    ANTEILE.map((anteil, i) => [String(jahr), 'hermeskeil', 'variabel', String(i + 1), anteil]),
  );
  return datei;
}
