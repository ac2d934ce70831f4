// The money side of docs/regeln.md §3: G per Sozialraum and year, and the derived pots the other
// generators size their hours and payments against. The file states G only in the base year and
// at the start of new contract periods; in between the loader must carry G forward by the tariff rate.

import path from 'node:path';
import { rundeBruch, geld, zehntel } from './format.js';
import { JUGENDAMT_DIALEKT, SOZIALRAEUME, sozialraumText, type SozialraumCode } from './landkreis.js';
import { schreibeCsv } from './schreiber.js';

export interface Budget {
  jahr: number;
  sozialraum: SozialraumCode;
  gCent: number;
  /** G written to the file; otherwise the column is empty and G follows from the tariff rate */
  gAngegeben: boolean;
  /** tariff increase in basis points (280 = 2,8 %), null in the base year */
  tarifBp: number | null;
  stellenfaktorCent: number;
  /** Bruttojahresarbeitszeit in tenths of an hour */
  bjazZehntel: number;
  praeventionsanteil: number;
  sachkostenCent: number;
  vertragszeitraum: string;
  asdCent: number;
  sCent: number;
  pCent: number;
  vCent: number;
  flsCent: number;
}

export const ERSTES_JAHR = 2014;

// Roughly the TVöD rounds of the years; 2024 is the big inflation-driven raise.
const TARIF_BP: Readonly<Record<number, number>> = {
  2015: 240,
  2016: 240,
  2017: 235,
  2018: 319,
  2019: 309,
  2020: 106,
  2021: 140,
  2022: 180,
  2023: 120,
  2024: 550,
  2025: 300,
  2026: 280,
};

const STELLENFAKTOR_CENT: Readonly<Record<number, number>> = {
  2014: 7_125_000,
  2015: 7_190_000,
  2016: 7_260_000,
  2017: 7_320_000,
  2018: 7_395_000,
  2019: 7_460_000,
  2020: 7_510_000,
  2021: 7_560_000,
  2022: 7_630_000,
  2023: 7_690_000,
  2024: 7_810_000,
  2025: 7_890_000,
  2026: 7_960_000,
};

/** G is renegotiated (stated in the file) at the start of these contract periods */
const NEUVERHANDLUNG: Readonly<Record<number, number>> = { 2019: 250, 2024: 180 };

function tarifBp(jahr: number): number {
  return TARIF_BP[jahr] ?? 250;
}

function stellenfaktor(jahr: number): number {
  // beyond the table: keep rising slowly but stay below 80.000 €
  return STELLENFAKTOR_CENT[jahr] ?? Math.min(7_995_000, 7_960_000 + (jahr - 2026) * 15_000);
}

function vertragsbeginn(jahr: number): number {
  return ERSTES_JAHR + Math.floor((jahr - ERSTES_JAHR) / 5) * 5;
}

export function budgetSchluessel(jahr: number, sr: SozialraumCode): string {
  return `${jahr}|${sr}`;
}

export type Budgets = ReadonlyMap<string, Budget>;

export function holeBudget(b: Budgets, jahr: number, sr: SozialraumCode): Budget {
  const x = b.get(budgetSchluessel(jahr, sr));
  if (!x) throw new Error(`Kein Budget für ${sr} ${jahr}`);
  return x;
}

export function berechneBudgets(bisJahr: number): Map<string, Budget> {
  const out = new Map<string, Budget>();
  for (const sr of SOZIALRAEUME) {
    let g = sr.g2014Cent;
    for (let jahr = ERSTES_JAHR; jahr <= bisJahr; jahr++) {
      let tarif: number | null = null;
      let angegeben = jahr === ERSTES_JAHR;
      if (jahr > ERSTES_JAHR) {
        tarif = tarifBp(jahr);
        g = rundeBruch(g * (10_000 + tarif), 10_000);
        const extra = NEUVERHANDLUNG[jahr];
        if (extra !== undefined) {
          // renegotiated G: a little above the carried-forward figure, on full 10 €
          g = rundeBruch(g * (10_000 + extra), 10_000 * 1_000) * 1_000;
          angegeben = true;
        }
      }
      const sf = stellenfaktor(jahr);
      const bjaz = jahr < 2019 ? 15_995 : 16_000;
      const asd = rundeBruch(g * 15, 100);
      const s = g - asd;
      const p = rundeBruch(s * 80, 100);
      const vb = vertragsbeginn(jahr);
      out.set(budgetSchluessel(jahr, sr.code), {
        jahr,
        sozialraum: sr.code,
        gCent: g,
        gAngegeben: angegeben,
        tarifBp: tarif,
        stellenfaktorCent: sf,
        bjazZehntel: bjaz,
        praeventionsanteil: sr.praeventionsanteil,
        sachkostenCent: vb < 2019 ? 950_000 : vb < 2024 ? 980_000 : vb < 2029 ? 1_020_000 : 1_050_000,
        vertragszeitraum: `${vb}-${vb + 4}`,
        asdCent: asd,
        sCent: s,
        pCent: p,
        vCent: s - p,
        flsCent: rundeBruch(sf * 10, bjaz),
      });
    }
  }
  return out;
}

function prozentText(bp: number): string {
  const ganz = Math.floor(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return String(ganz);
  return `${ganz},${rest % 10 === 0 ? rest / 10 : String(rest).padStart(2, '0')}`;
}

export async function schreibeBudget(dir: string, budgets: Budgets, bisJahr: number): Promise<string> {
  const datei = path.join(dir, 'budget.csv');
  const zeilen: string[][] = [];
  for (let jahr = ERSTES_JAHR; jahr <= bisJahr; jahr++) {
    for (const sr of SOZIALRAEUME) {
      const b = holeBudget(budgets, jahr, sr.code);
      // The first years were typed by hand with the long names of the concept paper.
      const srText = jahr <= 2016 ? sr.name : sozialraumText(sr.code, JUGENDAMT_DIALEKT);
      zeilen.push([
        String(jahr),
        srText,
        b.gAngegeben ? geld(b.gCent) : '',
        geld(b.stellenfaktorCent),
        zehntel(b.bjazZehntel),
        String(b.praeventionsanteil),
        b.tarifBp === null ? '' : prozentText(b.tarifBp),
        geld(b.sachkostenCent),
        b.vertragszeitraum,
      ]);
    }
  }
  await schreibeCsv(
    datei,
    JUGENDAMT_DIALEKT,
    [
      'jahr',
      'sozialraum',
      'gesamtfinanzvolumen',
      'stellenfaktor',
      'bruttojahresarbeitszeit',
      'praeventionsanteil',
      'tarifsteigerung',
      'sachkostenpauschale',
      'vertragszeitraum',
    ],
    zeilen,
  );
  return datei;
}
