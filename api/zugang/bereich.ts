import {
  ADHOC_SICHTEN,
  type AdhocSicht,
  type Bereiche,
  type HerkunftBereich,
  type HerkunftKennzahl,
  type Ladebereich,
  type LadungsDatei,
} from '../../warehouse/index.ts';
import type { Benutzer } from '../../warehouse/index.ts';

/** Views whose rows the API hands out, each scoped per user: the documented views of the warehouse. */
export const SICHTEN = ADHOC_SICHTEN;
export type Sicht = AdhocSicht;

const text = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function alleSozialraeume(b: Benutzer): boolean {
  return b.sozialraeume.length === 0 && ['jugendamt_controller', 'admin', 'analyst'].includes(b.rolle);
}

/** Youth-office roles limited to some Sozialräume see those, and everything there. */
function imJugendamt(b: Benutzer): boolean {
  return ['jugendamt_controller', 'admin', 'analyst'].includes(b.rolle);
}

export function darfSozialraum(b: Benutzer, sozialraum: string): boolean {
  return alleSozialraeume(b) || b.sozialraeume.includes(sozialraum);
}

/**
 * The rows of a view a user may see, as an SQL predicate over the view's columns (docs/regeln.md §6).
 * Sozialraum totals per Topf (budget, monthly use, variance, the team's hours) count as the budget of
 * the Sozialraum, which its Träger see; anything broken down below the Sozialraum shows their own rows:
 * the youth office and analysts all (pseudonymised) rows, the ASD its Sozialräume, a Träger's
 * controller its own Träger's rows and the budgets of its Sozialräume.
 */
export function bereich(b: Benutzer, sicht: Sicht): string {
  if (alleSozialraeume(b)) return 'true';
  const sr = `sozialraum IN (${b.sozialraeume.map(text).join(', ') || 'NULL'})`;
  if (imJugendamt(b)) return sicht === 'import_protokoll' ? 'true' : sr;
  if (b.rolle === 'asd') return sicht === 'import_protokoll' ? 'false' : sr;
  if (b.rolle === 'traeger_controller' && b.traeger) {
    const eigen = `traeger = ${text(b.traeger)}`;
    switch (sicht) {
      // Budget figures and the steering decisions on them belong to the whole Sozialraum.
      case 'finanzvolumen':
      case 'abweichung':
      case 'umschichtung_vorschlag':
      case 'umschichtung':
      case 'praevention':
      case 'fachcontrolling': // the youth office's figures of the Sozialraum's helps, under the small-number protection (§9)
        return sr;
      case 'verbrauch':
      case 'kontrakt_abgleich':
      case 'jahresabrechnung':
        return `${sr} AND ${eigen}`;
      case 'personal_pruefung':
      case 'jahresabrechnung_befund':
        return `${sr} AND (${eigen} OR traeger IS NULL)`;
      case 'import_protokoll':
        return `absender = ${text(`traeger:${b.traeger}`)}`;
      // Open points of its own rows, and those of the whole team (staffing, settlement); contracts and
      // payments without a Träger are the youth office's.
      case 'befunde':
        return `${sr} AND (${eigen} OR (traeger IS NULL AND thema IN ('personal', 'abrechnung')))`;
    }
  }
  return 'false';
}

/** Exact counts of cases (docs/regeln.md §9): the youth office's controllers only; every other output is protected. */
export function exakteFallzahlen(b: Benutzer): boolean {
  return b.rolle === 'jugendamt_controller';
}

/**
 * The Träger whose own contracts a Träger's controller knows (docs/regeln.md §9): the counts it is shown also hide
 * where the other Träger's part, the shown count minus its own, would be small.
 */
export function eigenerTraeger(b: Benutzer): string | undefined {
  return b.rolle === 'traeger_controller' && b.traeger ? b.traeger : undefined;
}

/** The scope of every view for one user, as the ad-hoc sandbox takes it. */
export function bereiche(b: Benutzer): Bereiche {
  return Object.fromEntries(SICHTEN.map((s) => [s, bereich(b, s)])) as Bereiche;
}

/**
 * What a user may write with an upload (docs/regeln.md §6): a Träger's controller rows of its own Träger in its
 * Sozialräume, a youth-office role limited to some Sozialräume rows of those, the county everything.
 */
export function ladebereich(b: Benutzer): Ladebereich {
  if (b.rolle === 'traeger_controller') return { absender: `traeger:${b.traeger ?? ''}`, sozialraeume: b.sozialraeume };
  return alleSozialraeume(b) ? {} : { sozialraeume: b.sozialraeume };
}

/**
 * Whose rows a figure's Herkunft shows (docs/regeln.md §7.4): the rows the figure counts for this user (the
 * figure's own scope), those of other Träger (and the youth office's payments) to a Träger's controller only
 * as one line without detail; budget rows belong to the Sozialraum's budget, which its Träger see. Contract
 * rows behind a Fachcontrolling count (§8) one by one only with exact counts (§9) or to the Träger whose own
 * list holds the contract: their Hilfeart and dates would let anyone else recount a cell the protection hides.
 */
export function herkunftsbereich(b: Benutzer, kennzahl: HerkunftKennzahl | 'fachcontrolling'): HerkunftBereich {
  const eigen = text(b.traeger ?? '');
  const einzeln =
    b.rolle === 'traeger_controller'
      ? `coalesce(traeger = ${eigen}, quelle = 'budget')`
      : kennzahl === 'fachcontrolling' && !exakteFallzahlen(b)
        ? 'false'
        : 'true';
  return { sichtbar: bereich(b, kennzahl), einzeln, protokoll: bereich(b, 'import_protokoll') };
}

/**
 * The original file of a load: the youth office's controllers (and admins) whose Sozialräume cover every
 * row of it; a file holds rows of other Träger, so neither Träger nor ASD nor the analysts get it.
 */
export function darfLadungsdatei(b: Benutzer, datei: LadungsDatei): boolean {
  if (!['jugendamt_controller', 'admin'].includes(b.rolle)) return false;
  return alleSozialraeume(b) || datei.sozialraeume.every((s) => b.sozialraeume.includes(s));
}
