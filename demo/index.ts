// Demo generator for the regional export files (docs/regeln.md §7): what the Träger and the youth office
// of Landkreis Trier-Saarburg would send, from 2014 up to `bis`, with a few deliberate errors for
// the loader and the controlling checks to find. Same options → byte-identical files.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { schreibeBevoelkerung } from './bevoelkerung.js';
import { berechneBudgets, ERSTES_JAHR, schreibeBudget } from './budget.js';
import { formatIso, jahrVon, letzterTagVormonat, parseIso, type Tag } from './datum.js';
import { erzeugeKontrakte, schreibeKontrakte, schreibeZeichnungsbefugnis } from './kontrakte.js';
import { ladeGemeinden } from './landkreis.js';
import { schreibeLeistungen } from './leistungen.js';
import { erzeugePersonal, schreibePersonal } from './personal.js';
import { schreibePersonalkosten } from './personalkosten.js';
import { schreibePhasierung } from './phasierung.js';
import { verbrauchsplan } from './plan.js';
import { schreibeZahlungen } from './zahlungen.js';
import type { AbsichtlicherFehler } from './fehler.js';

export type { AbsichtlicherFehler, FehlerArt } from './fehler.js';
export { erfasseDemoUmschichtung } from './umschichtung.js';
export { legeDemoBenutzerAn, DEMO_BENUTZER } from './benutzer.js';

export interface DemoOptionen {
  dir: string;
  /** multiplies the number of hour bookings (money per year stays the same); default 1 */
  scale?: number;
  /** default 1 */
  seed?: number;
  /** ISO date of the last day with data; default: last day of the last complete month before today */
  bis?: string;
}

export interface DemoErgebnis {
  /** absolute paths in load order: budget, phasierung, zeichnungsbefugnis, personal, kontrakte, bevoelkerung, leistungen, zahlungen, personalkosten */
  dateien: string[];
  leistungenZeilen: number;
  /** the last day with data, JJJJ-MM-TT */
  bis: string;
  /** the errors planted on purpose, for tests and demos (ids depend on seed and bis) */
  absichtlicheFehler: AbsichtlicherFehler[];
}

export async function schreibeDemoExporte(opt: DemoOptionen): Promise<DemoErgebnis> {
  const scale = opt.scale ?? 1;
  const seed = opt.seed ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale muss eine positive Zahl sein: ${opt.scale}`);
  if (!Number.isInteger(seed)) throw new Error(`seed muss eine ganze Zahl sein: ${opt.seed}`);
  const bisTag: Tag = opt.bis !== undefined ? parseIso(opt.bis) : letzterTagVormonat(new Date());
  const bisJahr = jahrVon(bisTag);
  if (bisJahr < ERSTES_JAHR) throw new Error(`bis muss in ${ERSTES_JAHR} oder später liegen: ${opt.bis}`);

  const dir = path.resolve(opt.dir);
  await mkdir(dir, { recursive: true });
  const jahre: number[] = [];
  for (let j = ERSTES_JAHR; j <= bisJahr; j++) jahre.push(j);

  const budgets = berechneBudgets(bisJahr);
  const plan = verbrauchsplan(seed, bisJahr);
  const personal = erzeugePersonal(seed, budgets, bisTag, bisJahr);
  const gemeinden = ladeGemeinden();
  const kontrakte = erzeugeKontrakte(seed, budgets, gemeinden, bisTag, bisJahr);

  const dateien: string[] = [];
  dateien.push(await schreibeBudget(dir, budgets, bisJahr));
  dateien.push(await schreibePhasierung(dir, bisJahr));
  dateien.push(await schreibeZeichnungsbefugnis(dir, bisTag, bisJahr));
  dateien.push(...(await schreibePersonal(dir, personal.stellen)));
  dateien.push(...(await schreibeKontrakte(dir, seed, kontrakte, bisTag, bisJahr)));
  dateien.push(await schreibeBevoelkerung(dir, seed, gemeinden, bisJahr));
  const leistungen = await schreibeLeistungen({
    dir,
    seed,
    scale,
    bisTag,
    jahre,
    xlsxJahr: Math.max(ERSTES_JAHR, bisJahr - 1),
    budgets,
    plan,
    stellen: personal.stellen,
    kontrakte,
  });
  dateien.push(...leistungen.dateien);
  const zahlungen = await schreibeZahlungen(dir, seed, jahre, bisTag, budgets, plan, kontrakte);
  dateien.push(...zahlungen.dateien);
  const kosten = await schreibePersonalkosten(dir, seed, jahre, bisTag, budgets, personal.stellen);
  dateien.push(...kosten.dateien);

  return {
    dateien,
    leistungenZeilen: leistungen.zeilen,
    bis: formatIso(bisTag),
    absichtlicheFehler: [...personal.fehler, ...kontrakte.fehler, ...zahlungen.fehler, ...kosten.fehler],
  };
}
