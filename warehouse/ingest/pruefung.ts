import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from '../verbindung.ts';
import type { Dateispalte } from './kopfzeile.ts';
import { lesarten, sqlText } from './typen.ts';
import type { Dateiart } from './vertrag.ts';
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
export async function leseInStaging(
  wh: Warehouse, csvPfad: string, trennzeichen: string, spalten: Dateispalte[], art: Dateiart, zuordnung: Zuordnung,
): Promise<Befund[]> {
  const dateiSpalten = '{' + spalten.map((s) => `'c${s.position}': 'VARCHAR'`).join(', ') + '}';
  await wh.ausfuehren(`DROP TABLE IF EXISTS roh; DROP TABLE IF EXISTS ablehnung; DROP TABLE IF EXISTS ablehnung_scan;`);
  await wh.ausfuehren(`
    CREATE TEMP TABLE roh AS
    SELECT * FROM read_csv(${sqlText(csvPfad)}, header = true, delim = ${sqlText(trennzeichen)}, quote = '"', escape = '"',
      auto_detect = false, columns = ${dateiSpalten}, store_rejects = true,
      rejects_table = 'ablehnung', rejects_scan = 'ablehnung_scan', max_line_size = 1048576)`);
  const abgelehnt = await wh.abfrage(`SELECT DISTINCT line, error_type FROM ablehnung ORDER BY line`);

  const vorhanden = new Map(spalten.filter((s) => !s.ignoriert).map((s) => [s.name, `c${s.position}`]));
  const joins: string[] = [];
  const auswahl: string[] = ['r.rowid AS nr'];
  for (const spalte of art.spalten) {
    const quelle = vorhanden.get(spalte.name);
    const text = quelle ? `nullif(trim(r.${quelle}), '')` : 'CAST(NULL AS VARCHAR)';
    const lesart = lesarten[spalte.typ];
    let wert = lesart.lies(text, zuordnung);
    if (quelle && lesart.woerterbuch) {
      // Few distinct values (Sozialraum, Hilfeart, ja/nein): normalise each once, then join.
      const wb = `wb_${spalte.name}`;
      await wh.ausfuehren(`CREATE OR REPLACE TEMP TABLE ${wb} AS
        SELECT roh, ${lesart.lies('roh', zuordnung)} AS wert FROM (SELECT DISTINCT nullif(trim(${quelle}), '') AS roh FROM roh WHERE roh IS NOT NULL)`);
      joins.push(`LEFT JOIN ${wb} ON ${wb}.roh = ${text}`);
      wert = `${wb}.wert`;
    }
    if (spalte.standard) wert = `coalesce(${wert}, ${spalte.standard})`;
    auswahl.push(`${wert} AS "${spalte.name}"`, `${text} AS ${roh(spalte.name)}`);
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
    case 'MISSING COLUMNS': return 'Die Zeile hat weniger Felder als die Kopfzeile';
    case 'TOO MANY COLUMNS': return 'Die Zeile hat mehr Felder als die Kopfzeile';
    case 'UNQUOTED VALUE': return 'Ein Anführungszeichen wird nicht geschlossen';
    case 'INVALID ENCODING': return 'Die Zeile enthält Zeichen in einer ungültigen Kodierung';
    case 'LINE SIZE OVER MAXIMUM': return 'Die Zeile ist zu lang';
    default: return `Die Zeile ist nicht lesbar (${typ})`;
  }
}

/** Every problem of every row of `neu`, as German reasons; rows that are totals or a repeated header get one reason each. */
export async function pruefeZeilen(wh: Warehouse, art: Dateiart, begrenzung: number): Promise<{ befunde: Befund[]; anzahl: number }> {
  const pruefungen: string[] = [];
  for (const spalte of art.spalten) {
    const r = roh(spalte.name);
    const s = `"${spalte.name}"`;
    if (spalte.pflichtwert) {
      pruefungen.push(`SELECT nr, '${spalte.name}' AS spalte, ${r} AS wert, 'Pflichtwert fehlt' AS grund FROM neu WHERE ${r} IS NULL`);
    }
    pruefungen.push(`SELECT nr, '${spalte.name}', ${r}, ${lesarten[spalte.typ].grund(r)} FROM neu WHERE ${r} IS NOT NULL AND ${s} IS NULL`);
    if (spalte.typ === 'geld') {
      pruefungen.push(`SELECT nr, '${spalte.name}', ${r}, 'Betrag mit mehr als zwei Nachkommastellen' FROM neu WHERE ${s} <> round(${s}, 2)`);
    }
  }
  if (art.hilfeartStichtag) {
    pruefungen.push(regel('gemeinsam').replaceAll('{{stichtag}}', art.hilfeartStichtag));
  }
  const eigene = regelOrdner + `${art.art}.sql`;
  if (existsSync(eigene)) pruefungen.push(regel(art.art));

  // A totals row ("Summe", "Gesamt") or the header again (two files pasted together) is one finding, not ten.
  const texte = art.spalten.map((s) => roh(s.name));
  const kopfTreffer = art.spalten.map((s) => `(lower(coalesce(${roh(s.name)}, '')) = '${s.name}')::INTEGER`).join(' + ');
  const sonder = `
    SELECT nr, NULL AS spalte, NULL AS wert,
      CASE WHEN ${kopfTreffer} >= ${Math.ceil(art.spalten.length / 2)} THEN 'Die Kopfzeile wiederholt sich hier (zusammengesetzte Dateien?): die Zeile gehört nicht in die Daten'
           ELSE 'Summenzeile: Summen gehören nicht in die Exportdatei, das Warehouse rechnet sie selbst' END AS grund
    FROM neu
    WHERE ${kopfTreffer} >= ${Math.ceil(art.spalten.length / 2)}
       OR regexp_matches(lower(concat_ws(' ', ${texte.join(', ')})), '^\\s*(summe|gesamt|insgesamt|total|zwischensumme)\\b')`;
  await wh.ausfuehren(`
    CREATE OR REPLACE TEMP TABLE fehler AS
    WITH sonder AS (${sonder}),
    einzeln AS (${pruefungen.join('\nUNION ALL\n')})
    SELECT * FROM sonder
    UNION ALL
    SELECT * FROM einzeln WHERE nr NOT IN (SELECT nr FROM sonder)`);
  const anzahl = Number(await wh.wert('SELECT count(*) FROM fehler'));
  const zeilen = await wh.abfrage(`SELECT nr, spalte, wert, grund FROM fehler ORDER BY nr, spalte NULLS FIRST LIMIT ${begrenzung}`);
  return {
    anzahl,
    befunde: zeilen.map((z) => ({ nr: Number(z.nr), spalte: (z.spalte as string | null) ?? undefined, wert: z.wert as string | null, grund: String(z.grund) })),
  };
}

function regel(name: string): string {
  // Comment lines would swallow the UNION ALL around them.
  return readFileSync(regelOrdner + `${name}.sql`, 'utf8').split('\n').filter((z) => !z.trim().startsWith('--')).join('\n');
}
