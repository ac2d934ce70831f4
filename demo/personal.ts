// Staff rosters of the Träger. Each Sozialraumteam is simulated from 2014 on so that its positions
// follow P / Stellenfaktor of its Sozialraum, with turnover, part-time changes and new hires.
// Staff are pseudonyms only (MA-KO-017): no names, addresses or birth dates ever appear.

import path from 'node:path';
import { holeBudget, ERSTES_JAHR, type Budgets } from './budget.js';
import { formatIso, jahresanfang, jahresende, tag, tageImJahr, type Tag } from './datum.js';
import { sozialraum, sozialraumText, TRAEGER, type SozialraumCode, type Traeger } from './landkreis.js';
import { datumText, schreibeCsv, stellenumfangText } from './schreiber.js';
import { Zufall } from './zufall.js';
import type { AbsichtlicherFehler } from './fehler.js';

export interface Stelle {
  traeger: string;
  /** Sozialraumteam the person belongs to; null = staff outside any team (variable hours only) */
  sozialraum: SozialraumCode | null;
  /** Sozialräume the person works in */
  einsatz: readonly SozialraumCode[];
  mitarbeiter: string;
  /** stellenumfang in percent of a full position */
  prozent: number;
  qualifikation: string;
  fachstudium: boolean;
  svPflichtig: boolean;
  von: Tag;
  /** last day; null = still active at the end of the data */
  bis: Tag | null;
}

export interface Personal {
  stellen: Stelle[];
  fehler: AbsichtlicherFehler[];
}

/** the team where fewer than half the members hold a degree (deliberate breach) */
export const TEAM_OHNE_FACHSTUDIUM = { traeger: 'diakonie-trier', sozialraum: 'hermeskeil' as SozialraumCode };

const FACH: readonly (readonly [string, number])[] = [
  ['Sozialpädagoge/-in', 55],
  ['Sozialarbeiter/-in', 30],
  ['Psychologe/-in', 8],
  ['Heilpädagoge/-in (B.A.)', 7],
];

function erzieher(traeger: string): string {
  // The Diakonie's HR system spells the qualification out (and its file is Windows-1252).
  return traeger === 'diakonie-trier'
    ? 'Erzieher/-in mit Zusatzqualifikation (Heilpädagogik)'
    : 'Erzieher/-in mit Zusatzausbildung';
}

const UMFANG_TEAM: readonly (readonly [number, number])[] = [
  [100, 45],
  [75, 25],
  [80, 15],
  [50, 15],
];
const UMFANG_ANDERE: readonly (readonly [number, number])[] = [
  [100, 35],
  [75, 30],
  [60, 15],
  [50, 20],
];

/** share of the year a roster row is active (0…1) */
export function jahresanteil(s: Stelle, jahr: number): number {
  const von = Math.max(s.von, jahresanfang(jahr));
  const bis = Math.min(s.bis ?? Number.MAX_SAFE_INTEGER, jahresende(jahr));
  return bis < von ? 0 : (bis - von + 1) / tageImJahr(jahr);
}

export function aktivAm(s: Stelle, d: Tag): boolean {
  return s.von <= d && (s.bis === null || s.bis >= d);
}

interface Zaehler {
  naechste(praefix: string): string;
}

function zaehler(): Zaehler {
  const stand = new Map<string, number>();
  return {
    naechste(praefix) {
      const n = (stand.get(praefix) ?? 0) + 1;
      stand.set(praefix, n);
      return `MA-${praefix}-${String(n).padStart(3, '0')}`;
    },
  };
}

function simuliereTeam(
  z: Zufall,
  tr: Traeger,
  sr: SozialraumCode,
  anteil: number,
  budgets: Budgets,
  bisJahr: number,
  ids: Zaehler,
): Stelle[] {
  const zeilen: Stelle[] = [];
  let einstellungen = 0;
  const ohneFach = tr.id === TEAM_OHNE_FACHSTUDIUM.traeger && sr === TEAM_OHNE_FACHSTUDIUM.sozialraum;
  const ziel = (jahr: number): number => {
    const b = holeBudget(budgets, jahr, sr);
    return (b.pCent / b.stellenfaktorCent) * anteil;
  };
  const neu = (von: Tag, prozent: number): Stelle => {
    // In the breach team only every third hire has a degree; elsewhere about four in five.
    const fach = ohneFach ? einstellungen % 3 === 2 : z.chance(0.8);
    einstellungen++;
    const s: Stelle = {
      traeger: tr.id,
      sozialraum: sr,
      einsatz: [sr],
      mitarbeiter: ids.naechste(sozialraum(sr).kuerzel),
      prozent,
      qualifikation: fach ? z.gewichtet(FACH) : erzieher(tr.id),
      fachstudium: fach,
      svPflichtig: true,
      von,
      bis: null,
    };
    zeilen.push(s);
    return s;
  };
  // rows that still count on day d (including hires already agreed but not yet started)
  const besetzt = (d: Tag): number =>
    zeilen.reduce((sum, s) => sum + (s.bis === null || s.bis >= d ? s.prozent / 100 : 0), 0);

  const start = jahresanfang(ERSTES_JAHR);
  while (besetzt(start) < ziel(ERSTES_JAHR) - 0.3) {
    // most of the team started with the new model in 2014, some were there before
    const von = z.chance(0.7) ? start : tag(z.int(2006, 2013), z.int(1, 12), 1);
    neu(von, z.gewichtet(UMFANG_TEAM));
  }
  for (let jahr = ERSTES_JAHR; jahr <= bisJahr; jahr++) {
    const j0 = jahresanfang(jahr);
    const n = tageImJahr(jahr);
    if (jahr > ERSTES_JAHR) {
      let luecke = ziel(jahr) - besetzt(j0);
      while (luecke > 0.35) {
        const p = z.gewichtet(UMFANG_TEAM);
        neu(j0 + z.int(0, 80), p);
        luecke -= p / 100;
      }
    }
    for (const s of zeilen.slice()) {
      if (s.bis !== null || s.von > j0) continue;
      if (z.chance(0.07)) {
        const ende = j0 + z.int(0, n - 1);
        s.bis = ende;
        neu(ende + z.int(15, 90), z.chance(0.7) ? s.prozent : z.gewichtet(UMFANG_TEAM));
      } else if (z.chance(0.03)) {
        // change of hours: a new roster row for the same person
        const ab = j0 + z.int(30, n - 30);
        s.bis = ab - 1;
        const p = s.prozent === 100 ? z.wahl([75, 80]) : 100;
        zeilen.push({ ...s, prozent: p, von: ab, bis: null });
      }
    }
  }
  return zeilen;
}

function simuliereAndere(z: Zufall, tr: Traeger, bisJahr: number): Stelle[] {
  const zeilen: Stelle[] = [];
  let nr = 0;
  const neu = (einsatz: readonly SozialraumCode[], von: Tag): Stelle => {
    nr++;
    const fach = z.chance(0.85);
    const s: Stelle = {
      traeger: tr.id,
      sozialraum: null,
      einsatz,
      mitarbeiter: `MA-${tr.kuerzel}-${String(nr).padStart(3, '0')}`,
      prozent: z.gewichtet(UMFANG_ANDERE),
      qualifikation: fach ? z.gewichtet(FACH) : erzieher(tr.id),
      fachstudium: fach,
      svPflichtig: true,
      von,
      bis: null,
    };
    zeilen.push(s);
    return s;
  };
  for (const einsatz of tr.nichtTeam) {
    let s = neu(einsatz, z.chance(0.6) ? jahresanfang(ERSTES_JAHR) : tag(z.int(2009, 2013), z.int(1, 12), 1));
    for (let jahr = ERSTES_JAHR; jahr <= bisJahr; jahr++) {
      if (s.von > jahresanfang(jahr) || !z.chance(0.06)) continue;
      const ende = jahresanfang(jahr) + z.int(0, tageImJahr(jahr) - 1);
      s.bis = ende;
      s = neu(einsatz, ende + z.int(10, 60));
    }
  }
  return zeilen;
}

export function erzeugePersonal(seed: number, budgets: Budgets, bisTag: Tag, bisJahr: number): Personal {
  const ids = zaehler();
  let stellen: Stelle[] = [];
  for (const tr of TRAEGER) {
    for (const t of tr.teams) {
      stellen.push(
        ...simuliereTeam(
          Zufall.fuer(seed, 'team', tr.id, t.sozialraum),
          tr,
          t.sozialraum,
          t.anteil,
          budgets,
          bisJahr,
          ids,
        ),
      );
    }
    stellen.push(...simuliereAndere(Zufall.fuer(seed, 'andere', tr.id), tr, bisJahr));
  }
  // Nothing after the end of the data is known yet: future leavers are still active.
  stellen = stellen.filter((s) => s.von <= bisTag);
  for (const s of stellen) if (s.bis !== null && s.bis >= bisTag) s.bis = null;

  const fehler: AbsichtlicherFehler[] = [];
  const team = (tr: string, sr: SozialraumCode): Stelle[] =>
    stellen
      .filter((s) => s.traeger === tr && s.sozialraum === sr)
      .sort((a, b) => a.von - b.von || cmp(a.mitarbeiter, b.mitarbeiter));

  // Breach: a position below 50 % (reduced hours after parental leave) in the Saarburg team.
  const ab = Math.max(tag(ERSTES_JAHR, 3, 1), Math.min(tag(bisJahr - 1, 3, 1), bisTag - 60));
  const kandidat = team('jhz-don-bosco', 'saarburg').find(
    (s) => s.prozent >= 75 && s.von < ab && (s.bis === null || s.bis > ab + 90),
  );
  if (kandidat) {
    const neu: Stelle = { ...kandidat, prozent: 40, von: ab, bis: kandidat.bis };
    kandidat.bis = ab - 1;
    stellen.push(neu);
    fehler.push({
      art: 'personal_stelle_unter_50',
      datei: 'personal_jhz-don-bosco.csv',
      schluessel: kandidat.mitarbeiter,
      hinweis: `Sozialraumteam saarburg: Stellenumfang 40 % ab ${formatIso(ab)}`,
    });
  }
  // Breach: one team member not subject to social insurance.
  const honorar = team('awo-trier-saarburg', 'konz')[4];
  if (honorar) {
    for (const s of stellen) if (s.mitarbeiter === honorar.mitarbeiter) s.svPflichtig = false;
    fehler.push({
      art: 'personal_nicht_sv_pflichtig',
      datei: 'personal_awo-trier-saarburg.csv',
      schluessel: honorar.mitarbeiter,
      hinweis: 'Sozialraumteam konz: sv_pflichtig = nein',
    });
  }
  fehler.push({
    art: 'personal_fachstudium_unter_haelfte',
    datei: `personal_${TEAM_OHNE_FACHSTUDIUM.traeger}.csv`,
    schluessel: TEAM_OHNE_FACHSTUDIUM.sozialraum,
    hinweis: 'Sozialraumteam hermeskeil: nur etwa ein Drittel der Köpfe mit Fachstudium (alle Jahre)',
  });
  return { stellen: sortiereStellen(stellen), fehler };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SR_ORDNUNG: Readonly<Record<SozialraumCode, number>> = { konz: 0, schweich: 1, hermeskeil: 2, saarburg: 3 };

function sortiereStellen(stellen: Stelle[]): Stelle[] {
  return stellen.sort(
    (a, b) =>
      cmp(a.traeger, b.traeger) ||
      (a.sozialraum === null ? 9 : SR_ORDNUNG[a.sozialraum]) - (b.sozialraum === null ? 9 : SR_ORDNUNG[b.sozialraum]) ||
      cmp(a.mitarbeiter, b.mitarbeiter) ||
      a.von - b.von,
  );
}

export async function schreibePersonal(dir: string, stellen: readonly Stelle[]): Promise<string[]> {
  const dateien: string[] = [];
  for (const tr of TRAEGER) {
    const d = tr.dialekt;
    const datei = path.join(dir, `personal_${tr.id}.csv`);
    // The roster is the Sozialraumteam (docs/regeln.md §3): staff outside any team book team=nein hours
    // and are not listed; a Träger that staffs no team sends no roster.
    const zeilen = stellen
      .filter((s): s is Stelle & { sozialraum: SozialraumCode } => s.traeger === tr.id && s.sozialraum !== null)
      .map((s) => [
        tr.id,
        sozialraumText(s.sozialraum, d),
        s.mitarbeiter,
        stellenumfangText(s.prozent, d),
        s.qualifikation,
        s.fachstudium ? 'ja' : 'nein',
        s.svPflichtig ? 'ja' : 'nein',
        datumText(s.von, d),
        s.bis === null ? '' : datumText(s.bis, d),
      ]);
    if (zeilen.length === 0) continue;
    await schreibeCsv(
      datei,
      d,
      [
        'traeger',
        'sozialraum',
        'mitarbeiter',
        'stellenumfang',
        'qualifikation',
        'fachstudium',
        'sv_pflichtig',
        'von',
        'bis',
      ],
      zeilen,
    );
    dateien.push(datei);
  }
  return dateien;
}
