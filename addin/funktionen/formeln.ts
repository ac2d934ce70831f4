// The SRB.* cell formulas. The JSDoc here is the source of functions.json (German, the default) and
// functions.en-US.json (@en, @enparam): bau/addin/metadaten.ts reads it at build time.
import type { Formelstapel, Funktion } from './stapel.ts';

type Aufruf = CustomFunctions.StreamingInvocation<number>;
type Wahl = string | number | null | undefined;

let stapel: Formelstapel<CustomFunctions.Error> | null = null;

const ABGEMELDET = 'Bitte zuerst im Aufgabenbereich „Sozialraum-Controlling“ anmelden.';

// The cells that show a formula now, so that a sign-out or another user's sign-in reaches them at
// once (instead of keeping the previous user's figures until Excel recalculates).
const lebend = new Map<
  Aufruf,
  { anfrage: Parameters<Formelstapel<CustomFunctions.Error>['abonniere']>[0]; abbestellen?: () => void }
>();

const abgemeldet = () => new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, ABGEMELDET);

/** The batch the functions report to: set at sign-in, null at sign-out. Cells move to it. */
export function verwendeStapel(s: Formelstapel<CustomFunctions.Error> | null): void {
  stapel = s;
  for (const [aufruf, z] of lebend) {
    z.abbestellen?.();
    z.abbestellen = s?.abonniere(z.anfrage, aufruf);
    if (!s) aufruf.setResult(abgemeldet());
  }
}

function frage(funktion: Funktion, argumente: Wahl[], aufruf: Aufruf): void {
  const anfrage = { funktion, argumente: argumente.map((a) => a ?? null) };
  const z = { anfrage, abbestellen: stapel?.abonniere(anfrage, aufruf) };
  lebend.set(aufruf, z);
  aufruf.onCanceled = () => {
    z.abbestellen?.();
    lebend.delete(aufruf);
  };
  if (!stapel) aufruf.setResult(abgemeldet());
}

/**
 * Finanzvolumen eines Sozialraums in einem Jahr.
 * @customfunction FINANZVOLUMEN
 * @streaming
 * @en Budget volume of a social space in a year.
 * @param sozialraum Sozialraum: konz, schweich, hermeskeil oder saarburg.
 * @param jahr Jahr, z. B. 2026.
 * @param teil Optional: gesamt (Standard), asd, sozialraum, personalisiert, variabel, praevention oder fachleistungsstunde.
 * @enparam sozialraum Social space: konz, schweich, hermeskeil or saarburg.
 * @enparam jahr Year, e.g. 2026.
 * @enparam teil Optional: gesamt (default), asd, sozialraum, personalisiert, variabel, praevention or fachleistungsstunde.
 */
export function finanzvolumen(sozialraum: string, jahr: number, teil: string | null, aufruf: Aufruf): void {
  frage('FINANZVOLUMEN', [sozialraum, jahr, teil], aufruf);
}

/**
 * Ist-Verbrauch eines Sozialraums vom 1. Januar bis zum Ende eines Monats.
 * @customfunction IST
 * @streaming
 * @en Actual use of a social space from 1 January to the end of a month.
 * @param sozialraum Sozialraum: konz, schweich, hermeskeil oder saarburg.
 * @param jahr Jahr, z. B. 2026.
 * @param bis_monat Letzter Monat (1 bis 12).
 * @param topf Optional: personalisiert, variabel oder asd; leer für alle Töpfe.
 * @enparam sozialraum Social space: konz, schweich, hermeskeil or saarburg.
 * @enparam jahr Year, e.g. 2026.
 * @enparam bis_monat Last month (1 to 12).
 * @enparam topf Optional: personalisiert, variabel or asd; empty for all pots.
 */
export function ist(sozialraum: string, jahr: number, bis_monat: number, topf: string | null, aufruf: Aufruf): void {
  frage('IST', [sozialraum, jahr, bis_monat, topf], aufruf);
}

/**
 * Prognose eines Monats: Ist, wo es schon gebucht ist, sonst die zurückgeschriebene Prognose oder die automatische Projektion.
 * @customfunction PROGNOSE
 * @streaming
 * @en Forecast of a month: actuals where booked, else the written-back forecast or the automatic projection.
 * @param sozialraum Sozialraum: konz, schweich, hermeskeil oder saarburg.
 * @param jahr Jahr, z. B. 2026.
 * @param monat Monat (1 bis 12).
 * @param topf Optional: personalisiert, variabel oder asd; leer für alle Töpfe.
 * @enparam sozialraum Social space: konz, schweich, hermeskeil or saarburg.
 * @enparam jahr Year, e.g. 2026.
 * @enparam monat Month (1 to 12).
 * @enparam topf Optional: personalisiert, variabel or asd; empty for all pots.
 */
export function prognose(sozialraum: string, jahr: number, monat: number, topf: string | null, aufruf: Aufruf): void {
  frage('PROGNOSE', [sozialraum, jahr, monat, topf], aufruf);
}

/**
 * Abweichung (Budget minus Hochrechnung) zum Quartalsende.
 * @customfunction ABWEICHUNG
 * @streaming
 * @en Variance (budget minus projection) at a quarter end.
 * @param sozialraum Sozialraum: konz, schweich, hermeskeil oder saarburg.
 * @param jahr Jahr, z. B. 2026.
 * @param quartal Quartal (1 bis 4).
 * @param topf Optional: gesamt (Standard), personalisiert, variabel oder asd.
 * @enparam sozialraum Social space: konz, schweich, hermeskeil or saarburg.
 * @enparam jahr Year, e.g. 2026.
 * @enparam quartal Quarter (1 to 4).
 * @enparam topf Optional: gesamt (default), personalisiert, variabel or asd.
 */
export function abweichung(
  sozialraum: string,
  jahr: number,
  quartal: number,
  topf: string | null,
  aufruf: Aufruf,
): void {
  frage('ABWEICHUNG', [sozialraum, jahr, quartal, topf], aufruf);
}

/**
 * Fälle eines Sozialraums im Quartal (verschiedene Fälle mit einem Kontrakt des Jugendamts), gesamt oder einer Hilfeart. Unter 3 Fällen #NV („<3“, Schutz kleiner Fallzahlen), außer für das Controlling des Jugendamts.
 * @customfunction FAELLE
 * @streaming
 * @en Cases of a social space in a quarter (distinct cases with a youth-office contract), in total or of one help type. Below 3 cases #N/A ("<3", small-number protection), except for the youth office's controlling.
 * @param sozialraum Sozialraum: konz, schweich, hermeskeil oder saarburg.
 * @param jahr Jahr, z. B. 2026.
 * @param quartal Quartal (1 bis 4).
 * @param hilfeart Optional: Hilfeart wie 31 oder §31; leer für alle Hilfearten.
 * @enparam sozialraum Social space: konz, schweich, hermeskeil or saarburg.
 * @enparam jahr Year, e.g. 2026.
 * @enparam quartal Quarter (1 to 4).
 * @enparam hilfeart Optional: help type such as 31 or §31; empty for all help types.
 */
export function faelle(
  sozialraum: string,
  jahr: number,
  quartal: number,
  hilfeart: string | number | null,
  aufruf: Aufruf,
): void {
  frage('FAELLE', [sozialraum, jahr, quartal, hilfeart], aufruf);
}
