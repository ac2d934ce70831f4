// Domain errors of the warehouse. Each has a stable code; the API maps codes to HTTP status in one place.

export type FehlerCode =
  | 'datei_abgelehnt'
  | 'datei_nicht_lesbar'
  | 'zuordnung_ungueltig'
  | 'abfrage_ungueltig'
  | 'abfrage_nicht_erlaubt'
  | 'keine_daten'
  | 'prognose_ungueltig'
  | 'umschichtung_ungueltig'
  | 'vorschlag_ueberschritten'
  | 'jahr_abgeschlossen'
  | 'warehouse_gesperrt'
  | 'abfrage_zeitgrenze'
  | 'ueberlastet'
  | 'warehouse_schreibgeschuetzt'
  | 'speicher_voll'
  | 'sicherung_ungueltig'
  | 'eingabe_ungueltig';

export class WarehouseFehler extends Error {
  constructor(
    readonly code: FehlerCode,
    meldung: string,
    readonly details?: unknown,
  ) {
    super(meldung);
    this.name = 'WarehouseFehler';
  }
}
