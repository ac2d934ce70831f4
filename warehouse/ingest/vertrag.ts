// File contract v1 (docs/regeln.md §7) as data: which columns each export kind has, how each is read,
// which rows of earlier loads a corrected re-delivery replaces.

export type Spaltentyp =
  | 'text' // stored verbatim (trimmed), also when it starts with = + - @
  | 'jahr'
  | 'datum' // TT.MM.JJJJ or JJJJ-MM-TT
  | 'zahl' // decimal comma (or point where the mapping says so)
  | 'geld' // like zahl, at most 2 decimal places
  | 'stunden' // like zahl, at most 2 decimal places (docs/regeln.md §4: never rounded on the way in)
  | 'monat' // 1 to 12
  | 'topf_budget' // personalisiert, variabel, asd
  | 'prozent' // percent in the file, stored as fraction
  | 'anteil' // fraction (0,75) or percent (75 %, 75)
  | 'sozialraum' // code, name or an obvious spelling; stored as code
  | 'hilfeart' // 31, §31, § 31, § 31 SGB VIII; stored as §31
  | 'segment'
  | 'topf_zahlung'
  | 'ja_nein'
  | 'quelle' // jugendamt | traeger:<id>
  | 'ags'
  | 'zeitraum' // 2018-2022
  | 'anzahl' // a whole number ≥ 0, thousands dots allowed (1.234)
  | 'altersgruppe' // 0-5, 6-13, 14-17, 18-20
  | 'beendigungsgrund' // planmaessig, abbruch_familie, abbruch_traeger, zustaendigkeitswechsel, sonstiges
  | 'zielerreichung'; // erreicht, teilweise, nicht_erreicht

export interface Spalte {
  name: string;
  typ: Spaltentyp;
  /** The column must be in the header. */
  pflichtspalte: boolean;
  /** Every row needs a value. */
  pflichtwert: boolean;
  /** SQL for the value of an empty cell. */
  standard?: string;
}

export type Art =
  | 'budget'
  | 'leistungen'
  | 'zahlungen'
  | 'kontrakte'
  | 'personal'
  | 'zeichnungsbefugnis'
  | 'personalkosten'
  | 'phasierung'
  | 'bevoelkerung';

export interface Dateiart {
  art: Art;
  tabelle: string;
  spalten: Spalte[];
  /** Who sent a row, when the mapping does not say: an SQL expression over the typed columns. */
  absender: string;
  /**
   * What a corrected re-delivery replaces: the rows of earlier loads whose values of these SQL
   * expressions equal those of some row in the new file (docs/regeln.md §7: same sender, Sozialraum and months).
   */
  bereich: string[];
  /** The date at which a row's Hilfeart must be in the catalogue. */
  hilfeartStichtag?: string;
}

const p = (name: string, typ: Spaltentyp, pflichtwert = true): Spalte => ({
  name,
  typ,
  pflichtspalte: true,
  pflichtwert,
});
const o = (name: string, typ: Spaltentyp): Spalte => ({ name, typ, pflichtspalte: false, pflichtwert: false });

export const dateiarten: Dateiart[] = [
  {
    art: 'budget',
    tabelle: 'budget',
    spalten: [
      p('jahr', 'jahr'),
      p('sozialraum', 'sozialraum'),
      p('gesamtfinanzvolumen', 'geld', false),
      p('stellenfaktor', 'geld'),
      p('bruttojahresarbeitszeit', 'stunden'),
      {
        ...o('praeventionsanteil', 'prozent'),
        standard: `(SELECT wert FROM einstellung WHERE name = 'praeventionsanteil_mindestens')`,
      },
      o('tarifsteigerung', 'prozent'),
      o('sachkostenpauschale', 'geld'),
      o('vertragszeitraum', 'zeitraum'),
    ],
    absender: `'jugendamt'`,
    bereich: ['jahr', 'sozialraum'],
  },
  {
    art: 'leistungen',
    tabelle: 'leistung',
    spalten: [
      p('traeger', 'text'),
      p('sozialraum', 'sozialraum'),
      p('kontrakt', 'text', false),
      p('fall', 'text', false),
      p('hilfeart', 'hilfeart', false),
      p('segment', 'segment'),
      p('datum', 'datum'),
      p('stunden', 'stunden'),
      p('mitarbeiter', 'text'),
      p('team', 'ja_nein'),
    ],
    absender: `'traeger:' || traeger`,
    bereich: ['absender', 'sozialraum', `date_trunc('month', datum)`],
    hilfeartStichtag: 'datum',
  },
  {
    art: 'zahlungen',
    tabelle: 'zahlung',
    spalten: [
      p('buchungsdatum', 'datum'),
      p('sozialraum', 'sozialraum'),
      p('topf', 'topf_zahlung'),
      p('empfaenger', 'text'),
      p('kontrakt', 'text', false),
      p('hilfeart', 'hilfeart', false),
      p('betrag', 'geld'),
    ],
    absender: `'jugendamt'`,
    bereich: ['absender', 'sozialraum', `date_trunc('month', buchungsdatum)`],
    hilfeartStichtag: 'buchungsdatum',
  },
  {
    art: 'kontrakte',
    tabelle: 'kontrakt',
    spalten: [
      p('quelle', 'quelle'),
      p('kontrakt', 'text'),
      p('sozialraum', 'sozialraum'),
      p('fall', 'text'),
      p('hilfeart', 'hilfeart'),
      p('beginn', 'datum'),
      p('ende', 'datum', false),
      p('stunden_monat', 'stunden'),
      p('asd_zeichnung', 'text', false),
      p('wohnort_ags', 'ags'),
      // How a help ended and the Hilfeplan's assessment at its end (docs/regeln.md §8): the youth office's.
      o('beendigungsgrund', 'beendigungsgrund'),
      o('zielerreichung', 'zielerreichung'),
    ],
    absender: 'quelle',
    // A contract list is the sender's whole list for that Sozialraum.
    bereich: ['absender', 'sozialraum'],
    hilfeartStichtag: 'beginn',
  },
  {
    art: 'personal',
    tabelle: 'personal',
    spalten: [
      p('traeger', 'text'),
      p('sozialraum', 'sozialraum'),
      p('mitarbeiter', 'text'),
      p('stellenumfang', 'anteil'),
      p('qualifikation', 'text'),
      p('fachstudium', 'ja_nein'),
      p('sv_pflichtig', 'ja_nein'),
      p('von', 'datum'),
      p('bis', 'datum', false),
    ],
    absender: `'traeger:' || traeger`,
    // A roster is the Träger's whole team for that Sozialraum.
    bereich: ['absender', 'sozialraum'],
  },
  {
    art: 'zeichnungsbefugnis',
    tabelle: 'zeichnungsbefugnis',
    spalten: [p('asd_mitarbeiter', 'text'), p('sozialraum', 'sozialraum'), p('von', 'datum'), p('bis', 'datum', false)],
    absender: `'jugendamt'`,
    bereich: ['absender', 'sozialraum'],
  },
  {
    art: 'personalkosten',
    tabelle: 'personalkosten',
    spalten: [
      p('jahr', 'jahr'),
      p('traeger', 'text'),
      p('sozialraum', 'sozialraum'),
      p('mitarbeiter', 'text'),
      p('personalkosten', 'geld'),
    ],
    absender: `'traeger:' || traeger`,
    bereich: ['absender', 'sozialraum', 'jahr'],
  },
  {
    // The budget's share per month in percent (docs/regeln.md §5, §7); from the youth office only.
    art: 'phasierung',
    tabelle: 'phasierung',
    spalten: [
      p('jahr', 'jahr'),
      p('sozialraum', 'sozialraum'),
      p('topf', 'topf_budget'),
      p('monat', 'monat'),
      p('anteil', 'zahl'),
    ],
    absender: `'jugendamt'`,
    // A profile is replaced whole: a year, Sozialraum and Topf.
    bereich: ['jahr', 'sozialraum', 'topf'],
  },
  {
    // Young residents per municipality on 31 December (official statistics), the reference of the rate
    // per 1.000 (docs/regeln.md §7, §8); from the youth office only.
    art: 'bevoelkerung',
    tabelle: 'bevoelkerung',
    spalten: [p('jahr', 'jahr'), p('wohnort_ags', 'ags'), p('altersgruppe', 'altersgruppe'), p('anzahl', 'anzahl')],
    absender: `'jugendamt'`,
    // A delivery replaces the figures of the years and municipalities it holds.
    bereich: ['jahr', 'wohnort_ags'],
  },
];

export function dateiart(art: Art): Dateiart {
  const gefunden = dateiarten.find((d) => d.art === art);
  if (!gefunden) throw new Error(`unbekannte Dateiart ${art}`);
  return gefunden;
}
