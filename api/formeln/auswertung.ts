import {
  SOZIALRAEUME,
  fachcontrolling,
  istVerdeckt,
  kennzahl,
  lesePrognosemonate,
  type Kennzahlname,
  type Zeile,
} from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import { datensatz } from './datensaetze.ts';
import { bereich, darfSozialraum, eigenerTraeger, exakteFallzahlen } from '../zugang/bereich.ts';
import type { Benutzer } from '../../warehouse/index.ts';

export const FUNKTIONEN = ['FINANZVOLUMEN', 'IST', 'PROGNOSE', 'ABWEICHUNG', 'FAELLE'] as const;
export type Funktion = (typeof FUNKTIONEN)[number];
export interface Aufruf {
  funktion: Funktion;
  argumente: Array<string | number | boolean | null>;
}
/** `wert` and `nv` become Excel's #WERT! and #NV in the cell. */
export type Ergebnis = { wert: number } | { fehler: 'wert' | 'nv'; meldung: string };

const TEILE: Record<string, string> = {
  gesamt: 'gesamtfinanzvolumen',
  asd: 'asd_finanzvolumen',
  sozialraum: 'sozialraumfinanzvolumen',
  personalisiert: 'personalisiertes_finanzvolumen',
  variabel: 'variables_finanzvolumen',
  praevention: 'praevention_mindestens',
  fachleistungsstunde: 'fachleistungsstunde',
};
const TOEPFE = ['personalisiert', 'variabel', 'asd'];

class Argumentfehler extends Error {}
class Nichtverfuegbar extends Error {}

function ganzzahl(wert: unknown, name: string, von: number, bis: number): number {
  const n = typeof wert === 'string' && wert.trim() !== '' ? Number(wert) : wert;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < von || n > bis)
    throw new Argumentfehler(`${name} muss eine ganze Zahl von ${von} bis ${bis} sein, nicht „${String(wert)}“.`);
  return n;
}

function auswahl(wert: unknown, name: string, erlaubt: readonly string[], standard?: string): string {
  const s = wert === null || wert === undefined || wert === '' ? standard : String(wert).trim().toLowerCase();
  if (s === undefined || !erlaubt.includes(s))
    throw new Argumentfehler(`${name} „${String(wert ?? '')}“ gibt es nicht (erlaubt: ${erlaubt.join(', ')}).`);
  return s;
}

/** 31, §31, § 31, § 31 SGB VIII → §31; empty: all Hilfearten. */
function hilfeartArgument(wert: unknown): string {
  if (wert === null || wert === undefined || wert === '') return 'gesamt';
  const m = /^(?:§\s*)?(\d{2}[a-z]?)(?:\s*SGB\s*VIII)?$/i.exec(String(wert).trim());
  if (!m) throw new Argumentfehler(`Hilfeart „${String(wert)}“ nicht verstanden (erwartet z. B. 31 oder §31).`);
  return `§${m[1]!.toLowerCase()}`;
}

const HOECHSTENS_DATENSAETZE = 24;

/** "1234.5" → 123450n; an amount of the warehouse has at most two places. */
function ganzeCent(betrag: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(betrag);
  if (!m) throw new Error(`Betrag „${betrag}“ ist keine Zahl mit höchstens zwei Nachkommastellen`);
  const cent = BigInt(m[2]! + (m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cent : cent;
}

const zahl = (x: unknown) => (x === null || x === undefined ? null : Number(x));

/**
 * Evaluates a batch of calls within the caller's scope. Each distinct data set (a year's Finanzvolumen,
 * use, variance at a quarter end, a forecast sheet) is read once per batch, however many cells need it.
 */
export async function werteAus(d: Dienste, b: Benutzer, aufrufe: Aufruf[]): Promise<Ergebnis[]> {
  const geladen = new Map<string, Promise<unknown>>();
  // `schluessel` names the data set with everything it depends on, the caller's scope included.
  const einmal = <T>(schluessel: string, laden: () => Promise<T>): Promise<T> => {
    if (!geladen.has(schluessel)) {
      // Each data set is a query over the warehouse on a reading connection: a sheet asking for a
      // century of quarters would hold up everyone else's figures.
      if (geladen.size >= HOECHSTENS_DATENSAETZE) {
        throw new Argumentfehler(
          `Zu viele verschiedene Jahre, Quartale und Sozialräume in einer Neuberechnung (höchstens ${HOECHSTENS_DATENSAETZE} Datensätze).`,
        );
      }
      geladen.set(schluessel, datensatz(d, schluessel, laden));
    }
    return geladen.get(schluessel) as Promise<T>;
  };
  const tabelle = <N extends Kennzahlname>(
    name: N,
    sicht: Parameters<typeof bereich>[1],
    parameter: Record<string, string | number | null>,
  ) =>
    einmal(
      `${name}|${JSON.stringify(parameter)}|${bereich(b, sicht)}`,
      async () => (await kennzahl(d.leser, name, parameter, bereich(b, sicht))).zeilen,
    );

  const eins = async (a: Aufruf): Promise<number> => {
    const [sr, jahrArg, drittes, viertes] = a.argumente;
    // Case counts have the county's total rows (`gesamt`); the money figures are per Sozialraum.
    const sozialraum = auswahl(sr, 'Sozialraum', a.funktion === 'FAELLE' ? [...SOZIALRAEUME, 'gesamt'] : SOZIALRAEUME);
    const jahr = ganzzahl(jahrArg, 'Jahr', 2000, 2100);
    if (!darfSozialraum(b, sozialraum)) throw new Nichtverfuegbar(`Kein Zugriff auf den Sozialraum ${sozialraum}.`);
    const finde = (zeilen: Zeile[], passt: (z: Zeile) => boolean, spalte: string) => {
      const z = zeilen.find(passt);
      const w = z ? zahl(z[spalte]) : null;
      if (w === null) throw new Nichtverfuegbar(`Für ${sozialraum} ${jahr} gibt es diese Zahl (noch) nicht.`);
      return w;
    };
    switch (a.funktion) {
      case 'FINANZVOLUMEN': {
        const teil = auswahl(drittes, 'Teil', Object.keys(TEILE), 'gesamt');
        return finde(
          await tabelle('finanzvolumen', 'finanzvolumen', { jahr }),
          (z) => z.sozialraum === sozialraum,
          TEILE[teil]!,
        );
      }
      case 'IST': {
        const bis = ganzzahl(drittes, 'bis_monat', 1, 12);
        const topf =
          viertes === null || viertes === undefined || viertes === '' ? null : auswahl(viertes, 'Topf', TOEPFE);
        // The exact month values (1/10.000 €) added, rounded to cents once, half away from zero.
        const zeilen = await tabelle('ist_genau', 'verbrauch', { jahr });
        const genau = zeilen
          .filter((z) => z.sozialraum === sozialraum && Number(z.monat) <= bis && (topf === null || z.topf === topf))
          .reduce((s, z) => s + BigInt(String(z.betrag_genau ?? '0').replace('.', '')), 0n);
        const cent = (genau < 0n ? -genau + 50n : genau + 50n) / 100n;
        return Number(genau < 0n ? -cent : cent) / 100;
      }
      case 'PROGNOSE': {
        const monat = ganzzahl(drittes, 'Monat', 1, 12);
        const topf =
          viertes === null || viertes === undefined || viertes === '' ? null : auswahl(viertes, 'Topf', TOEPFE);
        // The whole Sozialraum's forecast sheet, the same for every role that may see the Sozialraum (§6).
        const blatt = await einmal(`prognose|${jahr}|${sozialraum}`, () =>
          lesePrognosemonate(d.leser, jahr, sozialraum),
        );
        // Whole cents added (the sheet's amounts have two places), one number at the end: no float sums of money.
        const summe = blatt.monate
          .filter((m) => m.monat === monat && (topf === null || m.topf === topf))
          .reduce((s, m) => s + ganzeCent(m.ist ?? m.prognose ?? m.automatisch ?? '0'), 0n);
        return Number(summe) / 100;
      }
      case 'ABWEICHUNG': {
        const quartal = ganzzahl(drittes, 'Quartal', 1, 4);
        const topf = auswahl(viertes, 'Topf', [...TOEPFE, 'gesamt'], 'gesamt');
        return finde(
          await tabelle('abweichung', 'abweichung', { jahr, quartal, sozialraum: null }),
          (z) => z.sozialraum === sozialraum && z.topf === topf,
          'abweichung',
        );
      }
      case 'FAELLE': {
        const quartal = ganzzahl(drittes, 'Quartal', 1, 4);
        const hilfeart = hilfeartArgument(viertes);
        // The same protected table as GET /fachcontrolling in this scope: the same cells are hidden.
        const zeilen = await einmal(
          `fachcontrolling|${jahr}|${quartal}|${bereich(b, 'fachcontrolling')}|${exakteFallzahlen(b)}|${eigenerTraeger(b)}`,
          async () =>
            (
              await fachcontrolling(
                d.leser,
                { jahr, quartal, sozialraum: null },
                bereich(b, 'fachcontrolling'),
                exakteFallzahlen(b),
                eigenerTraeger(b),
              )
            ).zeilen,
        );
        if (!zeilen.some((z) => z.sozialraum === sozialraum))
          throw new Nichtverfuegbar(
            `Für ${sozialraum} im ${quartal}. Quartal ${jahr} gibt es keine Fachcontrolling-Zahlen (Quartal nicht beendet oder keine Kontrakte des Jugendamts).`,
          );
        const z = zeilen.find((x) => x.sozialraum === sozialraum && x.hilfeart === hilfeart);
        if (istVerdeckt(z?.faelle))
          throw new Nichtverfuegbar(
            `${String(z!.faelle)}: weniger Fälle als die Einstellung kleinste_fallzahl, oder verdeckt, damit sich keine kleine Zahl errechnen lässt (Schutz kleiner Fallzahlen).`,
          );
        return z ? Number(z.faelle) : 0;
      }
    }
  };

  return await Promise.all(
    aufrufe.map(async (a): Promise<Ergebnis> => {
      try {
        return { wert: await eins(a) };
      } catch (e) {
        if (e instanceof Argumentfehler) return { fehler: 'wert', meldung: e.message };
        if (e instanceof Nichtverfuegbar) return { fehler: 'nv', meldung: e.message };
        throw e;
      }
    }),
  );
}
