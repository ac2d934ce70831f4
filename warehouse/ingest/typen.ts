import type { Spaltentyp } from './vertrag.ts';
import type { Warehouse } from '../verbindung.ts';
import type { Zuordnung } from './zuordnung.ts';

// How each column type is read from its raw text, and what a user is told when it cannot be.
// `r` is the SQL of the raw (trimmed, non-empty or NULL) value.

/** The reference values a column is read against, fetched once per load from the warehouse. */
export interface Kataloge {
  /** Normalised spelling (schreibweise()) → Sozialraum code. */
  sozialraeume: Array<[string, string]>;
  segmente: string[];
  /** Codes of the Hilfeart catalogue ("§31"). */
  hilfearten: string[];
}

/** The usual ways of writing a catalogue code, so that most rows need no regular expression. */
function hilfeartSchreibweisen(code: string): string[] {
  const n = code.replace('§', '');
  return [n, `§${n}`, `§ ${n}`, `§${n} SGB VIII`, `§ ${n} SGB VIII`];
}

export interface Lesart {
  /** SQL turning the raw text into the stored value; NULL when it cannot. */
  lies(r: string, z: Zuordnung, k: Kataloge): string;
  /** Few distinct values per file: read once per distinct value instead of once per row. */
  woerterbuch?: boolean;
  /** German reason when the value cannot be read (SQL expression, may look at r). */
  grund(r: string, z: Zuordnung): string;
}

const q = (text: string) => `'${text.replace(/'/g, "''")}'`;
const zahltext = (r: string, z: Zuordnung) => (z.dezimal === 'punkt' ? `zahltext_punkt(${r})` : `zahltext_komma(${r})`);
/**
 * A number with at most `stellen` decimal places, exactly as written (zahl_genau): one reading for every load path.
 * The usual spelling (digits, at most one decimal separator, no sign, blanks or thousands dots) is cast straight
 * away: zahl_genau reads it to the same value, but through two regular expressions and four string functions per
 * row, which made the hours the dearest column of a load (7 of 10 s of typing at 10 million rows). 14 digits
 * before the separator is what DECIMAL(18,4) holds; anything else takes zahl_genau.
 */
const zahl = (r: string, z: Zuordnung, stellen = 4) => {
  const [trenner, text] = z.dezimal === 'punkt' ? ['\\.', r] : [',', `replace(${r}, ',', '.')`];
  return `CASE WHEN regexp_full_match(${r}, '[0-9]{1,14}(${trenner}[0-9]{1,${stellen}})?') THEN CAST(${text} AS DECIMAL(18,4))
    ELSE zahl_genau(${zahltext(r, z)}, ${stellen}) END`;
};
/** Why a number was not read: too many decimal places (named as such), or no number at all. */
const zahlGrund = (stellen: number, zuViele: string, erwartet: string) => (r: string, z: Zuordnung) =>
  `CASE WHEN zahl_genau(${zahltext(r, z)}, 18) IS NOT NULL AND nachkommastellen(${zahltext(r, z)}) > ${stellen} THEN ${q(zuViele)}
        ELSE ${q(`ist keine Zahl${erwartet}`)} END`;

/**
 * The code of a known spelling, NULL for any other: one search of a MAP per row, where a CASE compares a
 * row with one spelling after another (half the cost for the 17 spellings of Sozialräume; for the 70 of
 * Hilfearten, most rows matching early, no gain). The first entry of a spelling wins, as in a CASE.
 */
function nachgeschlagen(paare: Array<[string, string]>, schluessel: string): string {
  const eindeutig = new Map<string, string>();
  for (const [s, c] of paare) if (!eindeutig.has(s)) eindeutig.set(s, c);
  if (eindeutig.size === 0) return 'CAST(NULL AS VARCHAR)';
  return `MAP {${[...eindeutig].map(([s, c]) => `${q(s)}: ${q(c)}`).join(', ')}}[${schluessel}]`;
}

const datumsformate: Record<NonNullable<Zuordnung['datumsformat']>, string> = {
  'TT.MM.JJJJ': `['%d.%m.%Y']`,
  'JJJJ-MM-TT': `['%Y-%m-%d']`,
  'TT.MM.JJ': `['%d.%m.%y']`,
};

/** One of a few fixed codes (case and surrounding blanks do not matter); „planmäßig“ is planmaessig. */
const codeliste = (codes: readonly string[], was: string): Lesart => ({
  woerterbuch: true,
  lies: (r) => {
    const c = `replace(replace(lower(trim(${r})), 'ä', 'ae'), 'ß', 'ss')`;
    return `CASE WHEN ${c} IN (${codes.map(q).join(', ')}) THEN ${c} END`;
  },
  grund: () => q(`ist ${was} (erlaubt: ${codes.join(', ')})`),
});

export const lesarten: Record<Spaltentyp, Lesart> = {
  text: { lies: (r) => r, grund: () => q('ist kein Text') },
  jahr: {
    lies: (r) => `CASE WHEN regexp_full_match(trim(${r}), '(19|20)[0-9]{2}') THEN CAST(trim(${r}) AS INTEGER) END`,
    grund: () => q('ist keine Jahreszahl (JJJJ erwartet)'),
  },
  datum: {
    lies: (r, z) =>
      // TT.MM.JJJJ, the usual spelling, tried alone first: datum_de tries it first too and gives the same date,
      // but its list of two formats and its trim cost twice as much per row.
      z.datumsformat
        ? `CAST(try_strptime(${r}, ${datumsformate[z.datumsformat]}) AS DATE)`
        : `coalesce(CAST(try_strptime(${r}, '%d.%m.%Y') AS DATE), datum_de(${r}))`,
    grund: (r) =>
      `CASE WHEN datumsform(${r}) THEN 'ist ein Datum, das es nicht gibt' ELSE 'ist kein Datum (erwartet TT.MM.JJJJ oder JJJJ-MM-TT)' END`,
  },
  zahl: {
    lies: (r, z) => zahl(r, z),
    grund: zahlGrund(4, 'Zahl mit mehr als vier Nachkommastellen', ' (erwartet z. B. 1.234,5 oder 7,25)'),
  },
  geld: {
    lies: (r, z) => `TRY_CAST(${zahl(r, z, 2)} AS DECIMAL(18,2))`,
    grund: zahlGrund(2, 'Betrag mit mehr als zwei Nachkommastellen', ' (erwartet ein Betrag wie 1.234,56)'),
  },
  stunden: {
    // Stored as DECIMAL(9,2): a value that does not fit is no number of hours, not an overflow later.
    lies: (r, z) => `TRY_CAST(${zahl(r, z, 2)} AS DECIMAL(9,2))`,
    grund: zahlGrund(2, 'Stunden mit mehr als zwei Nachkommastellen', ' (erwartet Stunden wie 7,25)'),
  },
  prozent: {
    lies: (r, z) => `(${zahl(`trim(replace(${r}, '%', ''))`, z)} * 0.01)`,
    grund: (r, z) =>
      zahlGrund(
        4,
        'Prozentsatz mit mehr als vier Nachkommastellen',
        ' (erwartet ein Prozentsatz wie 10 oder 2,8)',
      )(`trim(replace(${r}, '%', ''))`, z),
  },
  anteil: {
    // 0,75 is a fraction, 75 % or 75 a percentage; 1,5 is neither (one and a half positions cannot be).
    // Stored with 4 places: a fraction may have 4, a percentage 2.
    lies: (r, z) => {
      const t = `trim(replace(${r}, '%', ''))`;
      const bruch = zahl(t, z, 4);
      const prozent = zahl(t, z, 2);
      return `CASE WHEN contains(${r}, '%') THEN ${prozent} * 0.01 WHEN ${bruch} <= 1 THEN ${bruch} WHEN ${prozent} >= 10 THEN ${prozent} * 0.01 END`;
    },
    grund: () => q('ist kein Stellenumfang (erwartet ein Anteil wie 0,75 oder ein Prozentsatz wie 75 %)'),
  },
  sozialraum: {
    woerterbuch: true,
    // The known spellings in SQL, not a join per row: the plain lower-case spelling matches most rows at
    // once, only odd ones ("Ruwer / Schweich") pay for the full normalisation.
    lies: (r, _z, k) =>
      `coalesce(${nachgeschlagen(k.sozialraeume, `lower(${r})`)}, ${nachgeschlagen(k.sozialraeume, `schreibweise(${r})`)})`,
    grund: () =>
      `'ist kein Sozialraum des Landkreises (erlaubt: ' || (SELECT string_agg(name, ', ' ORDER BY sozialraum) FROM sozialraum) || ')'`,
  },
  hilfeart: {
    woerterbuch: true,
    lies: (
      r,
      _z,
      k,
    ) => `CASE ${r} ${k.hilfearten.flatMap((c) => hilfeartSchreibweisen(c).map((s) => `WHEN ${q(s)} THEN ${q(c)}`)).join(' ')}
      ELSE hilfeart_code(${r}) END`,
    grund: () => q('ist keine Hilfeart (erwartet z. B. 31, §31 oder § 31 SGB VIII)'),
  },
  segment: {
    woerterbuch: true,
    lies: (r, _z, k) => {
      const faelle = k.segmente.map((s) => `WHEN ${q(s)} THEN ${q(s)}`).join(' ');
      return `CASE ${r} ${faelle} ELSE CASE lower(trim(${r})) ${faelle} END END`;
    },
    grund: () => q('ist kein Segment (erlaubt: fallspezifisch, fallbezogen, fallunspezifisch)'),
  },
  topf_budget: {
    woerterbuch: true,
    lies: (r) => `CASE WHEN lower(trim(${r})) IN ('personalisiert', 'variabel', 'asd') THEN lower(trim(${r})) END`,
    grund: () => q('ist kein Topf (erlaubt: personalisiert, variabel, asd)'),
  },
  monat: {
    lies: (r) => `CASE WHEN regexp_full_match(trim(${r}), '0?[1-9]|1[0-2]') THEN CAST(trim(${r}) AS INTEGER) END`,
    grund: () => q('ist kein Monat (erwartet 1 bis 12)'),
  },
  topf_zahlung: {
    woerterbuch: true,
    lies: (r) => `CASE WHEN lower(trim(${r})) IN ('variabel', 'asd') THEN lower(trim(${r})) END`,
    grund: () => q('ist kein Topf für Zahlungen (erlaubt: variabel, asd)'),
  },
  ja_nein: {
    woerterbuch: true,
    lies: (r) => `CASE ${r} WHEN 'ja' THEN true WHEN 'nein' THEN false ELSE ja_nein(${r}) END`,
    grund: () => q('ist weder ja noch nein'),
  },
  quelle: {
    woerterbuch: true,
    lies: (r) => `CASE WHEN lower(trim(${r})) = 'jugendamt' THEN 'jugendamt'
      WHEN regexp_full_match(${r}, '(?i)tr(ae|ä)ger:\\s*[A-Za-z0-9._-]+') THEN 'traeger:' || regexp_extract(${r}, ':\\s*(.+)$', 1) END`,
    grund: () => q('ist keine Quelle (erlaubt: jugendamt oder traeger:<Kennung>)'),
  },
  ags: {
    // Spreadsheets drop the leading zero of 07235…: seven digits get it back.
    lies: (r) =>
      `CASE WHEN regexp_full_match(trim(${r}), '[0-9]{8}') THEN trim(${r}) WHEN regexp_full_match(trim(${r}), '[0-9]{7}') THEN '0' || trim(${r}) END`,
    grund: () => q('ist kein Amtlicher Gemeindeschlüssel (8 Ziffern, z. B. 07235001)'),
  },
  zeitraum: {
    lies: (r) =>
      `CASE WHEN regexp_full_match(trim(${r}), '[0-9]{4}\\s*[-–]\\s*[0-9]{4}') THEN regexp_replace(trim(${r}), '\\s*[-–]\\s*', '-') END`,
    grund: () => q('ist kein Vertragszeitraum (erwartet JJJJ-JJJJ, z. B. 2019-2023)'),
  },
  anzahl: {
    // Nine digits at most: a count of residents, never an overflow later.
    lies: (r) =>
      `CASE WHEN regexp_full_match(trim(${r}), '[0-9]{1,9}|[0-9]{1,3}(\\.[0-9]{3}){1,2}') THEN CAST(replace(trim(${r}), '.', '') AS INTEGER) END`,
    grund: () => q('ist keine Anzahl (erwartet eine ganze Zahl ab 0, z. B. 1.234)'),
  },
  altersgruppe: {
    woerterbuch: true,
    lies: (r) => {
      const g = `replace(regexp_replace(${r}, '\\s', '', 'g'), '–', '-')`;
      return `CASE WHEN ${g} IN ('0-5', '6-13', '14-17', '18-20') THEN ${g} END`;
    },
    grund: () => q('ist keine Altersgruppe (erlaubt: 0-5, 6-13, 14-17, 18-20)'),
  },
  beendigungsgrund: codeliste(
    ['planmaessig', 'abbruch_familie', 'abbruch_traeger', 'zustaendigkeitswechsel', 'sonstiges'],
    'kein Beendigungsgrund',
  ),
  zielerreichung: codeliste(['erreicht', 'teilweise', 'nicht_erreicht'], 'keine Zielerreichung'),
};

export { q as sqlText };

export async function ladeKataloge(wh: Warehouse): Promise<Kataloge> {
  const sozialraeume = await wh.abfrage(
    'SELECT schreibweise, sozialraum FROM sozialraum_schreibweise ORDER BY schreibweise',
  );
  const segmente = await wh.abfrage('SELECT segment FROM segment ORDER BY segment');
  const hilfearten = await wh.abfrage('SELECT hilfeart FROM hilfeart ORDER BY hilfeart');
  return {
    sozialraeume: sozialraeume.map((z) => [String(z.schreibweise), String(z.sozialraum)]),
    segmente: segmente.map((z) => String(z.segment)),
    hilfearten: hilfearten.map((z) => String(z.hilfeart)),
  };
}
