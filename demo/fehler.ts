// Deliberate errors planted in the demo files, returned to the caller so tests and demos can show
// that the warehouse finds exactly these.

export type FehlerArt =
  | 'kontrakt_nur_jugendamt'
  | 'kontrakt_nur_traeger'
  | 'kontrakt_abweichend'
  | 'asd_nicht_befugt'
  | 'personal_stelle_unter_50'
  | 'personal_fachstudium_unter_haelfte'
  | 'personal_nicht_sv_pflichtig'
  | 'personalkosten_fehlt'
  | 'empfaenger_formelzeichen';

export interface AbsichtlicherFehler {
  art: FehlerArt;
  /** file name (without directory) where the error can be seen */
  datei: string;
  /** contract id, staff pseudonym, Sozialraum or recipient the error is about */
  schluessel: string;
  hinweis: string;
}
