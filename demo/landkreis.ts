// The fixed cast of the demo county: Sozialräume, Träger with their export dialects, the ASD
// signing rights and the outside providers paid from the variable pot. Everything random is
// derived from these facts elsewhere; changing the story of the county means editing this file.

import { readFileSync } from 'node:fs';
import type { Dialekt } from './schreiber.js';

export type SozialraumCode = 'konz' | 'schweich' | 'hermeskeil' | 'saarburg';

export interface Sozialraum {
  code: SozialraumCode;
  /** used in staff pseudonyms (MA-KO-017) */
  kuerzel: string;
  /** long name as the concept paper writes it */
  name: string;
  /** short spelling some Träger systems use */
  kurzname: string;
  /** Gesamtfinanzvolumen 2014 in cents, roughly proportional to population */
  g2014Cent: number;
  /** Prävention und Netzwerk floor in percent */
  praeventionsanteil: number;
}

export const SOZIALRAEUME: readonly Sozialraum[] = [
  { code: 'konz', kuerzel: 'KO', name: 'Konz', kurzname: 'Konz', g2014Cent: 218_793_000, praeventionsanteil: 10 },
  {
    code: 'schweich',
    kuerzel: 'SW',
    name: 'Ruwer/Schweich/Trier-Land',
    kurzname: 'Schweich',
    g2014Cent: 386_425_000,
    praeventionsanteil: 10,
  },
  {
    code: 'hermeskeil',
    kuerzel: 'HK',
    name: 'Hermeskeil',
    kurzname: 'Hermeskeil',
    g2014Cent: 135_274_000,
    praeventionsanteil: 12,
  },
  {
    code: 'saarburg',
    kuerzel: 'SB',
    name: 'Saarburg',
    kurzname: 'Saarburg',
    g2014Cent: 204_618_000,
    praeventionsanteil: 10,
  },
];

export function sozialraum(code: SozialraumCode): Sozialraum {
  const s = SOZIALRAEUME.find((x) => x.code === code);
  if (!s) throw new Error(`Unbekannter Sozialraum ${code}`);
  return s;
}

export interface TeamAnteil {
  sozialraum: SozialraumCode;
  /** share of the Sozialraumteam's positions this Träger staffs */
  anteil: number;
}

export interface Traeger {
  id: string;
  /** prefix for pseudonyms of staff outside any Sozialraumteam */
  kuerzel: string;
  dialekt: Dialekt;
  teams: readonly TeamAnteil[];
  /** staff outside the team: each entry is one post and the Sozialräume it works in */
  nichtTeam: readonly (readonly SozialraumCode[])[];
  /** monthly hours in contracts written with two decimals (`12,50`) */
  stundenZweiStellen: boolean;
}

// Dialects differ on purpose: the loader must cope with all conventions of docs/regeln.md §7.
export const TRAEGER: readonly Traeger[] = [
  {
    id: 'awo-trier-saarburg',
    kuerzel: 'AW',
    dialekt: {
      trenn: ';',
      kodierung: 'utf8',
      bom: true,
      zeilenende: '\n',
      datum: 'de',
      stellenumfang: 'bruch',
      hilfeart: 'nummer',
      sozialraum: 'name',
    },
    teams: [{ sozialraum: 'konz', anteil: 1 }],
    nichtTeam: [['konz'], ['konz', 'saarburg'], ['saarburg']],
    stundenZweiStellen: false,
  },
  {
    id: 'caritas-trier',
    kuerzel: 'CA',
    dialekt: {
      trenn: '\t',
      kodierung: 'utf8',
      bom: false,
      zeilenende: '\n',
      datum: 'de',
      stellenumfang: 'prozentzeichen',
      hilfeart: 'paragraphLeer',
      sozialraum: 'name',
    },
    teams: [{ sozialraum: 'schweich', anteil: 0.6 }],
    nichtTeam: [['schweich'], ['schweich', 'konz'], ['hermeskeil']],
    stundenZweiStellen: true,
  },
  {
    id: 'jhz-don-bosco',
    kuerzel: 'DB',
    dialekt: {
      trenn: ';',
      kodierung: 'utf8',
      bom: false,
      zeilenende: '\n',
      datum: 'iso',
      stellenumfang: 'prozent',
      hilfeart: 'paragraph',
      sozialraum: 'code',
    },
    teams: [
      { sozialraum: 'schweich', anteil: 0.4 },
      { sozialraum: 'saarburg', anteil: 1 },
    ],
    nichtTeam: [['saarburg', 'hermeskeil'], ['schweich']],
    stundenZweiStellen: false,
  },
  {
    id: 'diakonie-trier',
    kuerzel: 'DI',
    dialekt: {
      trenn: ';',
      kodierung: 'win1252',
      bom: false,
      zeilenende: '\r\n',
      datum: 'de',
      stellenumfang: 'bruch',
      hilfeart: 'sgb',
      sozialraum: 'name',
    },
    teams: [{ sozialraum: 'hermeskeil', anteil: 1 }],
    nichtTeam: [['hermeskeil'], ['saarburg']],
    stundenZweiStellen: false,
  },
  {
    id: 'kinderschutzbund-tr',
    kuerzel: 'KS',
    dialekt: {
      trenn: ';',
      kodierung: 'utf8',
      bom: true,
      zeilenende: '\n',
      datum: 'de',
      stellenumfang: 'bruch',
      hilfeart: 'paragraph',
      sozialraum: 'kurzname',
    },
    teams: [],
    nichtTeam: [['konz'], ['konz', 'schweich'], ['schweich'], ['schweich', 'hermeskeil'], ['schweich']],
    stundenZweiStellen: false,
  },
];

/** the small Träger whose leistungen of one year arrive as .xlsx */
export const XLSX_TRAEGER = 'kinderschutzbund-tr';

/** Youth office exports (budget, contracts, signing rights, payments): Windows tooling, CRLF. */
export const JUGENDAMT_DIALEKT: Dialekt = {
  trenn: ';',
  kodierung: 'utf8',
  bom: true,
  zeilenende: '\r\n',
  datum: 'de',
  stellenumfang: 'bruch',
  hilfeart: 'sgb',
  sozialraum: 'code',
};

/** finance system: same file conventions, shorter Hilfeart spelling */
export const FINANZ_DIALEKT: Dialekt = { ...JUGENDAMT_DIALEKT, hilfeart: 'paragraphLeer' };

export interface Zeichnung {
  asd: string;
  sozialraum: SozialraumCode;
  von: string; // ISO
  bis: string | null;
}

/**
 * Signing rights of ASD workers. `ablaufJahr` is the year of `bis` minus 2, so that one right has
 * always ended in the past, whatever `bis` the demo is run with.
 */
export function zeichnungsbefugnisse(ablaufJahr: number): Zeichnung[] {
  return [
    { asd: 'ASD-01', sozialraum: 'konz', von: '2012-01-01', bis: null },
    { asd: 'ASD-02', sozialraum: 'konz', von: '2016-03-01', bis: null },
    { asd: 'ASD-03', sozialraum: 'konz', von: '2012-01-01', bis: `${ablaufJahr}-06-30` },
    { asd: 'ASD-04', sozialraum: 'schweich', von: '2012-01-01', bis: null },
    { asd: 'ASD-05', sozialraum: 'schweich', von: '2012-01-01', bis: null },
    { asd: 'ASD-06', sozialraum: 'schweich', von: '2019-09-01', bis: null },
    { asd: 'ASD-07', sozialraum: 'hermeskeil', von: '2012-01-01', bis: null },
    { asd: 'ASD-08', sozialraum: 'hermeskeil', von: '2012-01-01', bis: null },
    { asd: 'ASD-08', sozialraum: 'saarburg', von: '2021-01-01', bis: null }, // Vertretung
    { asd: 'ASD-09', sozialraum: 'saarburg', von: '2012-01-01', bis: null },
    { asd: 'ASD-10', sozialraum: 'saarburg', von: '2015-04-01', bis: null },
  ];
}

/** Outside providers paid from the variable pot (organisations only, never persons). */
export const ANDERE_ANBIETER: readonly string[] = [
  'Evangelisches Jugendhilfezentrum Hochwald gGmbH',
  'Kinder- und Jugendhilfe St. Martin e.V.',
  '=Jugendhilfe-Verbund e.V.', // deliberate: the loader must store text starting with = verbatim
  'Heilpädagogische Tagesgruppe Saar-Mosel gGmbH',
  'Familienhilfe Mosel-Ruwer gGmbH',
  'Sozialpädagogisches Zentrum Trier gGmbH',
];

/** Recipients of payments the ASD decides. */
export const ASD_EMPFAENGER: readonly (readonly [string, number])[] = [
  ['Pflegekinderdienst Trier-Saarburg e.V.', 33],
  ['Erziehungsberatungsstelle Trier gGmbH', 28],
  ['Jugendberufshilfe Trier gGmbH', 41],
  ['Verein für Pflege- und Adoptivfamilien Trier e.V.', 37],
  ['Brücke Jugendgerichtshilfe Trier e.V.', 52],
  ['Familienbildungsstätte Konz e.V.', 29],
];

export interface Gemeinde {
  ags: string;
  gemeinde: string;
  sozialraum: SozialraumCode;
}

/** Reads the versioned reference list (so wohnort_ags are real municipalities of the right Sozialraum). */
export function ladeGemeinden(): Gemeinde[] {
  const text = readFileSync(new URL('../warehouse/reference/gemeinden-trier-saarburg.csv', import.meta.url), 'utf8');
  const zeilen = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((z) => z.trim() !== '');
  const kopf = zeilen[0]!.split(',');
  const iAgs = kopf.indexOf('ags');
  const iName = kopf.indexOf('gemeinde');
  const iSr = kopf.indexOf('sozialraum');
  const out: Gemeinde[] = [];
  for (const z of zeilen.slice(1)) {
    const f = z.split(',');
    const sr = f[iSr] as SozialraumCode;
    if (!SOZIALRAEUME.some((s) => s.code === sr)) throw new Error(`Referenzdatei: unbekannter Sozialraum ${sr}`);
    out.push({ ags: f[iAgs]!, gemeinde: f[iName]!, sozialraum: sr });
  }
  return out;
}

export function sozialraumText(code: SozialraumCode, dialekt: Dialekt): string {
  switch (dialekt.sozialraum) {
    case 'code':
      return code;
    case 'name':
      return sozialraum(code).name;
    case 'kurzname':
      return sozialraum(code).kurzname;
  }
}
