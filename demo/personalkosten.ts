// Actual employer cost of each team member per completed year, for the year-end settlement
// (Spitzabrechnung, docs/regeln.md §3). One member's row is missing on purpose.

import path from 'node:path';
import { holeBudget, type Budgets } from './budget.js';
import { jahresende, type Tag } from './datum.js';
import { sozialraumText, TRAEGER, type SozialraumCode } from './landkreis.js';
import { jahresanteil, type Stelle } from './personal.js';
import { geld } from './format.js';
import { schreibeCsv } from './schreiber.js';
import { Zufall } from './zufall.js';
import type { AbsichtlicherFehler } from './fehler.js';

export const LUECKE_TRAEGER = 'caritas-trier';

export interface PersonalkostenErgebnis {
  dateien: string[];
  fehler: AbsichtlicherFehler[];
}

export async function schreibePersonalkosten(
  dir: string,
  seed: number,
  jahre: readonly number[],
  bisTag: Tag,
  budgets: Budgets,
  stellen: readonly Stelle[],
): Promise<PersonalkostenErgebnis> {
  const dateien: string[] = [];
  const fehler: AbsichtlicherFehler[] = [];
  const fertig = jahre.filter((j) => jahresende(j) <= bisTag);
  if (fertig.length === 0) return { dateien, fehler };
  const lueckeJahr = fertig[Math.max(0, fertig.length - 3)]!;

  for (const tr of TRAEGER) {
    if (tr.teams.length === 0) continue; // no staffed part, nothing to settle
    const d = tr.dialekt;
    const zeilen: string[][] = [];
    for (const jahr of fertig) {
      // one cost line per person and team, even if the roster has several rows (hours changed)
      const personen = new Map<string, { sr: SozialraumCode; jahresstellen: number }>();
      for (const s of stellen) {
        if (s.traeger !== tr.id || s.sozialraum === null) continue;
        const a = jahresanteil(s, jahr);
        if (a <= 0) continue;
        const key = `${s.sozialraum}|${s.mitarbeiter}`;
        const p = personen.get(key) ?? { sr: s.sozialraum, jahresstellen: 0 };
        p.jahresstellen += (a * s.prozent) / 100;
        personen.set(key, p);
      }
      const b0 = (sr: SozialraumCode) => holeBudget(budgets, jahr, sr);
      const schluessel = [...personen.keys()].sort();
      let luecke = tr.id === LUECKE_TRAEGER && jahr === lueckeJahr;
      for (const key of schluessel) {
        const p = personen.get(key)!;
        const ma = key.slice(key.indexOf('|') + 1);
        if (luecke) {
          luecke = false;
          fehler.push({
            art: 'personalkosten_fehlt',
            datei: `personalkosten_${tr.id}.csv`,
            schluessel: ma,
            hinweis: `keine Personalkosten für ${jahr} (Sozialraum ${p.sr}), obwohl im Team`,
          });
          continue;
        }
        const b = b0(p.sr);
        // experience levels and sick pay make the real cost differ from the flat rate by a few %
        const abw = Zufall.fuer(seed, 'personalkosten', tr.id, ma, jahr).zwischen(-0.04, 0.04);
        const cent = Math.round(p.jahresstellen * (b.stellenfaktorCent - b.sachkostenCent) * (1 + abw));
        zeilen.push([String(jahr), tr.id, sozialraumText(p.sr, d), ma, geld(cent)]);
      }
    }
    const datei = path.join(dir, `personalkosten_${tr.id}.csv`);
    await schreibeCsv(datei, d, ['jahr', 'traeger', 'sozialraum', 'mitarbeiter', 'personalkosten'], zeilen);
    dateien.push(datei);
  }
  return { dateien, fehler };
}
