import type { ClientResponse } from 'hono/client';
import type { Client } from '../api/index.ts';
import type { Blattinhalt, Spalte } from '../excel/index.ts';

// The pulled sheets: which columns of the API's rows, in which order, of which kind, keyed by what.
const s = <N extends string>(name: N, titel: string, art: Spalte['art'], schluessel = false) => ({
  name,
  titel,
  art,
  schluessel,
});

// The row a GET route of the typed client answers with 200 ({ zeilen: [...] }): the warehouse's schema of
// the figure, as the API declares it. Type-only, so no warehouse code reaches the add-in's bundle.
type V1 = Client['api']['v1'];
type Antwort<R> = R extends ClientResponse<infer T, 200, 'json'> ? T : never;
type ZeileVon<E extends { $get: (...a: never[]) => Promise<unknown> }> =
  Antwort<Awaited<ReturnType<E['$get']>>> extends { zeilen: Array<infer Z> } ? Z : never;
/** Columns of a sheet: each name must be a column of the route's rows, else `tsc` fails. */
type Spalten<E extends { $get: (...a: never[]) => Promise<unknown> }> = ReadonlyArray<
  Spalte & { name: Extract<keyof ZeileVon<E>, string> }
>;

export const BLAETTER = {
  finanzvolumen: {
    blatt: 'Finanzvolumen',
    tabelle: 'SRB_Finanzvolumen',
    spalten: [
      s('jahr', 'Jahr', 'ganz', true),
      s('sozialraum', 'Sozialraum', 'text', true),
      s('gesamtfinanzvolumen', 'Gesamtfinanzvolumen', 'betrag'),
      s('asd_finanzvolumen', 'ASD', 'betrag'),
      s('sozialraumfinanzvolumen', 'Sozialraum-Finanzvolumen', 'betrag'),
      s('personalisiertes_finanzvolumen', 'personalisiert', 'betrag'),
      s('variables_finanzvolumen', 'variabel', 'betrag'),
      s('praevention_mindestens', 'Prävention mindestens', 'betrag'),
      s('fachleistungsstunde', 'Fachleistungsstunde', 'betrag'),
      s('planstellen', 'Planstellen', 'zahl'),
      s('kapazitaet_stunden', 'Kapazität (Stunden)', 'zahl'),
      s('fortgeschrieben', 'fortgeschrieben', 'wahr'),
    ] satisfies Spalten<V1['finanzvolumen']>,
  },
  verbrauch: {
    blatt: 'Verbrauch',
    tabelle: 'SRB_Verbrauch',
    spalten: [
      s('sozialraum', 'Sozialraum', 'text', true),
      s('monat', 'Monat', 'ganz', true),
      s('topf', 'Topf', 'text', true),
      s('stunden', 'Stunden', 'zahl'),
      s('betrag', 'Betrag', 'betrag'),
    ] satisfies Spalten<V1['verbrauch']>,
  },
  abweichung: {
    blatt: 'Abweichung',
    tabelle: 'SRB_Abweichung',
    spalten: [
      s('stichtag', 'Stichtag', 'datum'),
      s('sozialraum', 'Sozialraum', 'text', true),
      s('topf', 'Topf', 'text', true),
      s('budget', 'Budget', 'betrag'),
      s('soll_bis_stichtag', 'Soll bis Stichtag', 'betrag'),
      s('ist_bis_stichtag', 'Ist bis Stichtag', 'betrag'),
      s('prognose_rest', 'Prognose Rest', 'betrag'),
      s('davon_umschichtung', 'davon Umschichtung', 'betrag'),
      s('hochrechnung', 'Hochrechnung', 'betrag'),
      s('abweichung', 'Abweichung', 'betrag'),
      s('abweichung_prozent', 'Abweichung %', 'zahl'),
      s('status', 'Status', 'text'),
      s('prognose_methode', 'Methode', 'text'),
      s('prognose_version', 'Prognoseversion', 'ganz'),
      s('phasierung', 'Phasierung', 'text'),
    ] satisfies Spalten<V1['abweichung']>,
  },
  kontraktabgleich: {
    blatt: 'Kontraktabgleich',
    tabelle: 'SRB_Kontraktabgleich',
    spalten: [
      s('kontrakt', 'Kontrakt', 'text', true),
      s('status', 'Status', 'text'),
      s('abweichende_felder', 'abweichende Felder', 'text'),
      s('sozialraum', 'Sozialraum', 'text'),
      s('traeger', 'Träger', 'text'),
      s('zeichnung_befund', 'ASD-Zeichnung', 'text'),
      s('wohnort_befund', 'Wohnort', 'text'),
    ] satisfies Spalten<V1['kontrakte']['abgleich']>,
  },
  // Every open point the warehouse knows, with what to do about it (view befunde).
  befunde: {
    blatt: 'Offene Punkte',
    tabelle: 'SRB_Befunde',
    spalten: [
      s('sozialraum', 'Sozialraum', 'text', true),
      s('thema', 'Thema', 'text', true),
      s('regel', 'Regel', 'text', true),
      s('jahr', 'Jahr', 'ganz', true),
      s('traeger', 'Träger', 'text', true),
      s('objekt', 'Kontrakt / Mitarbeiter', 'text', true),
      s('befund', 'Befund', 'text'),
      s('massnahme', 'Maßnahme', 'text'),
    ] satisfies Spalten<V1['befunde']>,
  },
  // Two tables on one sheet: the settlement with its open points below it (what blocks signing off).
  jahresabrechnung: {
    blatt: 'Jahresabrechnung',
    tabelle: 'SRB_Jahresabrechnung',
    spalten: [
      s('jahr', 'Jahr', 'ganz'),
      s('sozialraum', 'Sozialraum', 'text', true),
      s('traeger', 'Träger', 'text', true),
      s('stellenjahre', 'Stellenjahre', 'zahl'),
      s('personalkosten_pauschal', 'Personalkosten pauschal', 'betrag'),
      s('sachkosten_pauschal', 'Sachkosten pauschal', 'betrag'),
      s('personalkosten_ist', 'Personalkosten Ist', 'betrag'),
      s('differenz', 'Differenz', 'betrag'),
      s('art', 'Art', 'text'),
    ] satisfies Spalten<V1['jahresabrechnung']>,
  },
  abrechnungsbefunde: {
    blatt: 'Jahresabrechnung',
    tabelle: 'SRB_Abrechnungsbefunde',
    teil: 'offene Punkte',
    spalten: [
      s('sozialraum', 'Sozialraum', 'text', true),
      s('traeger', 'Träger', 'text', true),
      s('mitarbeiter', 'Mitarbeiter', 'text', true),
      s('regel', 'Regel', 'text', true),
      s('befund', 'Befund', 'text'),
    ] satisfies Spalten<V1['jahresabrechnung']['befunde']>,
  },
  // Two tables on one sheet: the steering bodies' decisions, and below them what is still proposed.
  umschichtungen: {
    blatt: 'Umschichtungen',
    tabelle: 'SRB_Umschichtungen',
    spalten: [
      s('umschichtung_id', 'Nr.', 'ganz', true),
      s('sozialraum', 'Sozialraum', 'text'),
      s('topf', 'aus Topf', 'text'),
      s('betrag', 'Betrag', 'betrag'),
      s('gremium', 'Gremium', 'text'),
      s('beschlussdatum', 'Beschlussdatum', 'datum'),
      s('kommentar', 'Kommentar', 'text'),
      s('ueberschreitung_begruendung', 'Begründung Überschreitung', 'text'),
      s('autor', 'erfasst von', 'text'),
      s('zeitpunkt', 'erfasst am', 'datum'),
    ] satisfies Spalten<V1['umschichtungen']>,
  },
  umschichtungsvorschlaege: {
    blatt: 'Umschichtungen',
    tabelle: 'SRB_Umschichtungsvorschlaege',
    teil: 'Vorschläge',
    spalten: [
      s('quartal', 'Quartal', 'ganz', true),
      s('sozialraum', 'Sozialraum', 'text', true),
      s('budget', 'Budget', 'betrag'),
      s('hochrechnung', 'Hochrechnung', 'betrag'),
      s('reserve', 'Reserve', 'betrag'),
      s('vorschlag', 'Vorschlag', 'betrag'),
    ] satisfies Spalten<V1['umschichtungen']['vorschlag']>,
  },
  // Fachcontrolling and Wirkungskontrolle of the quarter (docs/regeln.md §8); „<3“ where §9 hides a count.
  fachcontrolling: {
    blatt: 'Fachcontrolling',
    tabelle: 'SRB_Fachcontrolling',
    spalten: [
      s('sozialraum', 'Sozialraum', 'text', true),
      s('hilfeart', 'Hilfeart', 'text', true),
      s('faelle', 'Fälle', 'ganz'),
      s('neue_hilfen', 'neue Hilfen', 'ganz'),
      s('beendete_hilfen', 'beendete Hilfen', 'ganz'),
      s('laufende_hilfen', 'laufend am Stichtag', 'ganz'),
      s('hilfedauer_median_monate', 'Hilfedauer Median (Monate)', 'zahl'),
      s('hilfedauer_mittel_monate', 'Hilfedauer Mittel (Monate)', 'zahl'),
      s('stunden_je_fall', 'Stunden je Fall', 'zahl'),
      s('kosten_je_fall', 'Kosten je Fall', 'betrag'),
      s('anteil_fallspezifisch', 'fallspezifisch %', 'zahl'),
      s('anteil_fallbezogen', 'fallbezogen %', 'zahl'),
      s('anteil_fallunspezifisch', 'fallunspezifisch %', 'zahl'),
      s('einwohner_unter_21', 'Einwohner unter 21', 'ganz'),
      s('eckwert', 'Fälle je 1.000', 'zahl'),
      s('anteil_planmaessig', 'planmäßig beendet %', 'zahl'),
      s('anteil_erreicht', 'Ziel erreicht %', 'zahl'),
      s('anteil_teilweise', 'teilweise %', 'zahl'),
      s('anteil_nicht_erreicht', 'nicht erreicht %', 'zahl'),
      s('wiederaufnahmen', 'Wiederaufnahmen (12 Monate)', 'ganz'),
      s('anteil_wiederaufnahme', 'Wiederaufnahme %', 'zahl'),
    ] satisfies Spalten<V1['fachcontrolling']>,
  },
} satisfies Record<string, Omit<Blattinhalt, 'zeilen' | 'titel'>>;
