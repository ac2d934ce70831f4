import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from '../verbindung.ts';
import type { Dateispalte } from './kopfzeile.ts';
import { lesarten, sqlText, type Kataloge } from './typen.ts';
import type { Dateiart, Spalte } from './vertrag.ts';
import type { Zuordnung } from './zuordnung.ts';

const regelOrdner = fileURLToPath(new URL('./regeln/', import.meta.url));

/** A problem in one row (nr counts data rows from 0, in file order) or, without nr, in a file line. */
export interface Befund {
  nr?: number;
  zeile?: number;
  spalte?: string;
  wert?: string | null;
  grund: string;
}

const roh = (name: string) => `"${name}__roh"`;

/**
 * Reads the file with DuckDB's CSV reader into the temp table `neu`: every contract column typed and,
 * beside it, its raw text for messages. Nothing outside temp tables is touched.
 * Returns the rows DuckDB's reader itself refused (wrong number of fields, open quotes).
 */
/** DuckDB's CSV reader over the file, every column as text named c<position>. */
export function csvQuelle(
  csvPfad: string,
  trennzeichen: string,
  spalten: Dateispalte[],
  mitAblehnungen: boolean,
): string {
  const dateiSpalten = '{' + spalten.map((s) => `'c${s.position}': 'VARCHAR'`).join(', ') + '}';
  const ablehnungen = mitAblehnungen
    ? `, store_rejects = true, rejects_table = 'ablehnung', rejects_scan = 'ablehnung_scan'`
    : '';
  return `read_csv(${sqlText(csvPfad)}, header = true, delim = ${sqlText(trennzeichen)}, quote = '"', escape = '"',
      auto_detect = false, columns = ${dateiSpalten}, max_line_size = 1048576${ablehnungen})`;
}

/**
 * The raw text of each contract column in the file, by contract name; the CSV reader gives NULL for an
 * empty field. Text is kept as delivered; each reading of numbers, dates and codes trims for itself.
 */
function rohtexte(spalten: Dateispalte[], art: Dateiart, tabelle: string): Map<string, string> {
  const vorhanden = new Map(spalten.filter((s) => !s.ignoriert).map((s) => [s.name, `c${s.position}`]));
  return new Map(
    art.spalten.map((s) => {
      const quelle = vorhanden.get(s.name);
      return [s.name, quelle ? `${tabelle}.${quelle}` : 'CAST(NULL AS VARCHAR)'];
    }),
  );
}

function mitStandard(spalte: Spalte, wert: string): string {
  return spalte.standard ? `coalesce(${wert}, ${spalte.standard})` : wert;
}

/**
 * The typed rows straight from the file, for the fast path of a good file: any value that cannot be
 * read, or a missing required value, stops the statement (error()), and the careful path takes over.
 */
export function typisiertOderAbbruch(
  csv: string,
  spalten: Dateispalte[],
  art: Dateiart,
  zuordnung: Zuordnung,
  k: Kataloge,
): string {
  const texte = rohtexte(spalten, art, 'r');
  const auswahl = art.spalten.map((spalte) => {
    const text = texte.get(spalte.name)!;
    const wert = lesarten[spalte.typ].lies(text, zuordnung, k);
    const leer = spalte.pflichtwert ? `error('Pflichtwert fehlt')` : `NULL`;
    return `CASE WHEN ${text} IS NULL THEN ${mitStandard(spalte, leer)} ELSE coalesce(${wert}, error('nicht lesbar')) END AS "${spalte.name}"`;
  });
  const absender = zuordnung.absender ? sqlText(zuordnung.absender) : art.absender;
  return `SELECT *, ${absender} AS absender FROM (SELECT ${auswahl.join(',\n  ')} FROM ${csv} r)`;
}

/**
 * Reads the file with DuckDB's CSV reader into the temp table `neu`: every contract column typed and,
 * beside it, its raw text for messages. Nothing outside temp tables is touched.
 * Returns the rows DuckDB's reader itself refused (wrong number of fields, open quotes).
 */
export async function leseInStaging(
  wh: Warehouse,
  csvPfad: string,
  trennzeichen: string,
  spalten: Dateispalte[],
  art: Dateiart,
  zuordnung: Zuordnung,
  k: Kataloge,
): Promise<Befund[]> {
  await wh.ausfuehren(`DROP TABLE IF EXISTS roh; DROP TABLE IF EXISTS ablehnung; DROP TABLE IF EXISTS ablehnung_scan;`);
  await wh.ausfuehren(`CREATE TEMP TABLE roh AS SELECT * FROM ${csvQuelle(csvPfad, trennzeichen, spalten, true)}`);
  const abgelehnt = await wh.abfrage(`SELECT DISTINCT line, error_type FROM ablehnung ORDER BY line`);

  const texte = rohtexte(spalten, art, 'r');
  const joins: string[] = [];
  const auswahl: string[] = ['r.rowid AS nr'];
  for (const spalte of art.spalten) {
    const text = texte.get(spalte.name)!;
    const lesart = lesarten[spalte.typ];
    let wert = lesart.lies(text, zuordnung, k);
    if (!text.startsWith('CAST(NULL') && lesart.woerterbuch) {
      // Few distinct values (Sozialraum, Hilfeart, ja/nein): normalise each once, then join.
      const wb = `wb_${spalte.name}`;
      await wh.ausfuehren(`CREATE OR REPLACE TEMP TABLE ${wb} AS
        SELECT roh, ${lesart.lies('roh', zuordnung, k)} AS wert FROM (SELECT DISTINCT ${text} AS roh FROM roh r WHERE roh IS NOT NULL)`);
      joins.push(`LEFT JOIN ${wb} ON ${wb}.roh = ${text}`);
      wert = `${wb}.wert`;
    }
    auswahl.push(`${mitStandard(spalte, wert)} AS "${spalte.name}"`, `${text} AS ${roh(spalte.name)}`);
  }
  const absender = zuordnung.absender ? sqlText(zuordnung.absender) : art.absender;
  await wh.ausfuehren(`
    CREATE OR REPLACE TEMP TABLE neu AS
    SELECT *, ${absender} AS absender FROM (SELECT ${auswahl.join(',\n      ')} FROM roh r ${joins.join(' ')})`);
  await wh.ausfuehren('DROP TABLE roh');

  return abgelehnt.map((a) => ({
    zeile: Number(a.line),
    grund: ablehnungsgrund(String(a.error_type)),
  }));
}

function ablehnungsgrund(typ: string): string {
  switch (typ) {
    case 'MISSING COLUMNS':
      return 'Die Zeile hat weniger Felder als die Kopfzeile';
    case 'TOO MANY COLUMNS':
      return 'Die Zeile hat mehr Felder als die Kopfzeile';
    case 'UNQUOTED VALUE':
      return 'Ein Anführungszeichen wird nicht geschlossen';
    case 'INVALID ENCODING':
      return 'Die Zeile enthält Zeichen in einer ungültigen Kodierung';
    case 'LINE SIZE OVER MAXIMUM':
      return 'Die Zeile ist zu lang';
    default:
      return `Die Zeile ist nicht lesbar (${typ})`;
  }
}

/** What an uploader may write (docs/regeln.md §6): rows of its own sender, in its Sozialräume; none: everything. */
export interface Ladebereich {
  absender?: string;
  sozialraeume?: string[];
}

/**
 * A row outside the uploader's scope is a finding like any other, on both load paths, so such a file
 * is refused whole and nothing changes; a re-delivery can then only replace rows of the same sender
 * and Sozialraum, which lie in scope too.
 */
function bereichsregeln(art: Dateiart, bereich?: Ladebereich): string[] {
  const regeln: string[] = [];
  if (bereich?.absender) {
    regeln.push(
      `SELECT nr, NULL, absender, ${sqlText('Die Zeile gehört zum Absender „')} || absender || ${sqlText(`“; mit diesem Zugang lassen sich nur Dateien von ${bereich.absender} laden`)} FROM neu WHERE absender IS DISTINCT FROM ${sqlText(bereich.absender)}`,
    );
  }
  if (bereich?.sozialraeume && art.spalten.some((s) => s.name === 'sozialraum')) {
    const liste = bereich.sozialraeume.map(sqlText).join(', ') || 'NULL';
    regeln.push(
      `SELECT nr, 'sozialraum', sozialraum__roh, ${sqlText('Die Zeile gehört zum Sozialraum „')} || sozialraum || ${sqlText(`“; mit diesem Zugang lassen sich nur Dateien für ${bereich.sozialraeume.join(', ') || 'keinen Sozialraum'} laden`)} FROM neu WHERE sozialraum IS NOT NULL AND sozialraum NOT IN (${liste})`,
    );
  }
  if (bereich?.sozialraeume && art.art === 'bevoelkerung') {
    // Residents have no Sozialraum column: their municipality's Sozialraum is the row's.
    const liste = bereich.sozialraeume.map(sqlText).join(', ') || 'NULL';
    regeln.push(`SELECT nr, 'wohnort_ags', wohnort_ags__roh, 'Die Gemeinde ' || wohnort_ags || ' liegt außerhalb der Sozialräume dieses Zugangs'
      FROM neu WHERE wohnort_ags IN (SELECT ags FROM gemeinde WHERE sozialraum NOT IN (${liste}))`);
  }
  if (bereich?.absender && art.art === 'kontrakte') {
    // A Träger reconciles its own contracts only: a contract that another Träger reports or books hours
    // on is not its to send, and the reconciliation would show it the youth office's data of that case.
    const absender = sqlText(bereich.absender);
    regeln.push(`SELECT nr, 'kontrakt', kontrakt__roh, 'Der Kontrakt ' || kontrakt || ' gehört zu einem anderen Träger; mit diesem Zugang lassen sich nur eigene Kontrakte melden'
      FROM neu WHERE kontrakt IN (
        SELECT kontrakt FROM kontrakt WHERE quelle LIKE 'traeger:%' AND quelle <> ${absender}
        UNION SELECT kontrakt FROM leistung WHERE kontrakt IS NOT NULL AND 'traeger:' || traeger <> ${absender})`);
  }
  return regeln;
}

/**
 * The SQL of every check of a kind over `neu` (nr, spalte, wert, grund); rows that are totals or a
 * repeated header yield one finding each instead of one per column.
 */
function pruefSql(art: Dateiart, sorgfaeltig: boolean, zuordnung: Zuordnung, bereich?: Ladebereich): string {
  const pruefungen: string[] = [];
  pruefungen.push(...bereichsregeln(art, bereich));
  for (const spalte of art.spalten) {
    const r = roh(spalte.name);
    const s = `"${spalte.name}"`;
    if (sorgfaeltig && spalte.pflichtwert) {
      pruefungen.push(
        `SELECT nr, '${spalte.name}' AS spalte, ${r} AS wert, 'Pflichtwert fehlt' AS grund FROM neu WHERE ${r} IS NULL`,
      );
    }
    if (sorgfaeltig)
      pruefungen.push(
        `SELECT nr, '${spalte.name}', ${r}, ${lesarten[spalte.typ].grund(r, zuordnung)} FROM neu WHERE ${r} IS NOT NULL AND ${s} IS NULL`,
      );
  }
  if (art.hilfeartStichtag) pruefungen.push(regel('gemeinsam').replaceAll('{{stichtag}}', art.hilfeartStichtag));
  if (existsSync(regelOrdner + `${art.art}.sql`)) pruefungen.push(regel(art.art));

  // A totals row ("Summe", "Gesamt") or the header again (two files pasted together) is one finding, not ten.
  // The fast path looks at text columns only: elsewhere such a row cannot even be typed.
  const geprueft = sorgfaeltig ? art.spalten : art.spalten.filter((s) => s.typ === 'text');
  const kopfTreffer = geprueft.map((s) => `coalesce(${roh(s.name)} ILIKE '${s.name}', false)::INTEGER`).join(' + ');
  const haelfte = Math.ceil(geprueft.length / 2);
  const text = `ltrim(coalesce(${geprueft.map((s) => roh(s.name)).join(', ')}, ''))`;
  const erster = `lower(${text})`;
  // The first letter alone lower-cased decides which rows need the expression: lower() maps letter by
  // letter, so it is the same letter as that of the whole text lower-cased, without lower-casing every row.
  const summe = `CASE WHEN lower(left(${text}, 1)) IN ('s', 'g', 'i', 't', 'z')
    THEN regexp_matches(${erster}, '^(summe|gesamt|insgesamt|total|zwischensumme)\\b') ELSE false END`;
  const sonder = `
    SELECT nr, NULL AS spalte, NULL AS wert,
      CASE WHEN ${kopfTreffer} >= ${haelfte} THEN 'Die Kopfzeile wiederholt sich hier (zusammengesetzte Dateien?): die Zeile gehört nicht in die Daten'
           ELSE 'Summenzeile: Summen gehören nicht in die Exportdatei, das Warehouse rechnet sie selbst' END AS grund
    FROM neu
    WHERE ${kopfTreffer} >= ${haelfte} OR ${summe}`;
  if (!sorgfaeltig)
    return [...(geprueft.length > 0 ? [sonder] : []), ...pruefungen].join('\nUNION ALL\n') || 'SELECT 1 WHERE false';
  return `
    WITH sonder AS (${sonder}),
    einzeln AS (${pruefungen.join('\nUNION ALL\n')})
    SELECT * FROM sonder
    UNION ALL
    SELECT * FROM einzeln WHERE nr NOT IN (SELECT nr FROM sonder)`;
}

/** Every problem of every row of `neu`, as German reasons. */
export async function pruefeZeilen(
  wh: Warehouse,
  art: Dateiart,
  zuordnung: Zuordnung,
  begrenzung: number,
  bereich?: Ladebereich,
): Promise<{ befunde: Befund[]; anzahl: number }> {
  await wh.ausfuehren(`CREATE OR REPLACE TEMP TABLE fehler AS ${pruefSql(art, true, zuordnung, bereich)}`);
  const anzahl = Number(await wh.wert('SELECT count(*) FROM fehler'));
  const zeilen = await wh.abfrage(
    `SELECT nr, spalte, wert, grund FROM fehler ORDER BY nr, spalte NULLS FIRST LIMIT ${begrenzung}`,
  );
  return {
    anzahl,
    befunde: zeilen.map((z) => ({
      nr: Number(z.nr),
      spalte: (z.spalte as string | null) ?? undefined,
      wert: z.wert as string | null,
      grund: String(z.grund),
    })),
  };
}

/**
 * The fast path's rule checks over rows already typed in the fact table (load `ladungId`):
 * the same rules as the careful path, only counted. Any finding sends the file down the careful path.
 */
export async function regelverstoesse(
  wh: Warehouse,
  art: Dateiart,
  zuordnung: Zuordnung,
  ladungId: number,
  bereich?: Ladebereich,
): Promise<number> {
  const spalten = art.spalten
    .map((s) => `"${s.name}", ${s.typ === 'text' ? `"${s.name}"` : `CAST("${s.name}" AS VARCHAR)`} AS ${roh(s.name)}`)
    .join(', ');
  await wh.ausfuehren(
    `CREATE OR REPLACE TEMP VIEW neu AS SELECT rowid AS nr, ${spalten}, absender FROM ${art.tabelle} WHERE ladung_id = ${ladungId}`,
  );
  // DuckDB estimates the rows of a table from what is committed: into a table without earlier rows, the
  // load's millions look like none, and the join with the catalogue (gemeinsam.sql) built its hash table
  // on them instead of on the Hilfearten (9 s instead of 2 at 10 million rows, spilling beyond the memory
  // cap). Every rule joins the load's rows to a small table written on the right, so for this one count
  // the joins run as written. The setting is the instance's: it is put back at once.
  const bisher = String(await wh.wert(`SELECT current_setting('disabled_optimizers')`));
  await wh.ausfuehren(
    `SET disabled_optimizers = ${sqlText([bisher, 'build_side_probe_side'].filter((o) => o !== '').join(','))}`,
  );
  try {
    return Number(await wh.wert(`SELECT count(*) FROM (${pruefSql(art, false, zuordnung, bereich)})`));
  } finally {
    await wh.ausfuehren(`SET disabled_optimizers = ${sqlText(bisher)}`);
    await wh.ausfuehren('DROP VIEW neu');
  }
}

function regel(name: string): string {
  // Comment lines would swallow the UNION ALL around them.
  return readFileSync(regelOrdner + `${name}.sql`, 'utf8')
    .split('\n')
    .filter((z) => !z.trim().startsWith('--'))
    .join('\n');
}
