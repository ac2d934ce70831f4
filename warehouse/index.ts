// Public surface of the warehouse: open a DuckDB file with the schema, load export files, query the views.
import { istInitialisiert, ladeReferenzdaten, legeSchemaAn } from './schema.ts';
import { nimmAbgebrocheneLadungAuf } from './ingest/abbruch.ts';
import { frischeAufWennVeraltet, rechneVeraltetesMit } from './kennzahlstand.ts';
import { Warehouse, type OeffnenOptionen } from './verbindung.ts';

export { Warehouse, type Zeile, type Parameter } from './verbindung.ts';
export { WarehouseFehler, type FehlerCode } from './fehler.ts';
export { speicherFehler } from './speicherfehler.ts';
export {
  legeSicherungsordnerAn,
  NUR_EIGENTUEMER,
  pruefeSicherung,
  pruefsumme,
  raeumeSicherungenAuf,
  sichere,
  stelleWiederHer,
} from './sicherung.ts';
export {
  jahreDerLadung,
  ladeDatei,
  ladeZuordnung,
  sozialraeumeDerLadung,
  dateiarten,
  type LadeErgebnis,
  type LadeOptionen,
  type Ladebereich,
  type Zuordnung,
  type Befund,
} from './ingest/index.ts';
export { ladeReferenzdaten } from './schema.ts';
export { SOZIALRAEUME, type Sozialraum } from './sozialraeume.ts';
export { protokolliere, type Auditeintrag } from './audit.ts';
export { istErreichbar, katalogstand, ladestand, letzteAenderung } from './stand/index.ts';
export * from './zugang/index.ts';
export { GEHALTEN, nachLadungen, type Kennzahlzeitpunkt } from './kennzahlstand.ts';
export * from './abfragen/index.ts';
// The rows behind the charts, as `grafikdaten.abweichung(wh, anfrage, bereich)` and `grafikdaten.AbweichungZeile`.
export * as grafikdaten from './grafikdaten/index.ts';
export {
  speichereAbfrage,
  listeAbfragen,
  leseAbfrage,
  loescheAbfrage,
  type GespeicherteAbfrage,
} from './gespeichert/index.ts';
export {
  adhocAbfrage,
  sperreFuerAdhoc,
  ADHOC_SICHTEN,
  ADHOC_DIMENSIONEN,
  ALLES,
  Spur,
  type AdhocErgebnis,
  type AdhocSicht,
  type Bereiche,
} from './sandbox/index.ts';
export { alsCsv, alsRfcCsv } from './ausgabe/csv.ts';
export {
  istVerdeckt,
  kleinsteFallzahl,
  schuetze,
  verdecktText,
  type Schutzplan,
  type Geschuetzt,
} from './kleinzahlen/index.ts';
export { type Spaltentyp } from './ausgabe/spaltentyp.ts';

export const STANDARD_PFAD = './data/warehouse.duckdb';

/** Opens (and on first use creates) a warehouse file with the current schema and reference data. */
export async function oeffneWarehouse(
  pfad: string = STANDARD_PFAD,
  optionen: OeffnenOptionen = {},
): Promise<Warehouse> {
  const wh = await Warehouse.oeffnen(pfad, optionen);
  // A file this process may not write is read as it is: reads work, writes say why they cannot.
  if (wh.nurLesen) {
    await rechneVeraltetesMit(wh);
    return wh;
  }
  try {
    await legeSchemaAn(wh);
    if (!(await istInitialisiert(wh))) await ladeReferenzdaten(wh);
    await nimmAbgebrocheneLadungAuf(wh);
    await frischeAufWennVeraltet(wh);
  } catch (e) {
    wh.schliessen();
    throw e;
  }
  return wh;
}
export * from './prognose/index.ts';
// The Herkunft rows' schemas (one declaration each, beside their .sql files) for the API's answers.
export {
  herkunft,
  herkunftFachcontrolling,
  herkunftDatei,
  herkunftZeile,
  kontraktZeile,
  dateiDerLadung,
  FACH_HERKUNFT_SPALTEN,
  HERKUNFT_KENNZAHLEN,
  HERKUNFT_HOECHSTENS_PRO_SEITE,
  type HerkunftAnfrage,
  type HerkunftBereich,
  type HerkunftDatei,
  type HerkunftErgebnis,
  type HerkunftKennzahl,
  type HerkunftZeile,
  type FachHerkunftAnfrage,
  type FachHerkunftErgebnis,
  type HerkunftKontraktZeile,
  type LadungsDatei,
} from './herkunft/index.ts';
export { schreibeUmschichtung, UMSCHICHTUNG_TOEPFE, type Umschichtung } from './umschichtung/index.ts';
