import { JsonDuckDBValueConverter, StatementType } from '@duckdb/node-api';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse, Zeile } from '../verbindung.ts';
import { istZahltyp } from './kennzahlen.ts';

export interface AdhocErgebnis {
  spalten: string[];
  zahlenspalten: boolean[];
  zeilen: Zeile[];
  abgeschnitten: boolean;
}

export interface Grenzen { zeilen?: number; sekunden?: number }

/** Analysts read these views (each scoped per user by the API) and the dimensions. */
export const ADHOC_SICHTEN = [
  'finanzvolumen', 'verbrauch', 'abweichung', 'kontrakt_abgleich', 'personal_pruefung', 'import_protokoll',
  'jahresabrechnung', 'jahresabrechnung_befund', 'umschichtung_vorschlag', 'umschichtung', 'praevention',
];
export const ADHOC_DIMENSIONEN = ['sozialraum', 'gemeinde', 'hilfeart', 'topf', 'segment'];
const TABELLENFUNKTIONEN = new Set(['range', 'generate_series', 'unnest']);

// Scalar functions that would tell about the machine or reach past the views.
const VERBOTENE_FUNKTIONEN = /^(current_setting|getenv|getvariable|read_|glob|duckdb_|pragma_|query|query_table|sniff_csv|parquet_|json_execute_serialized_sql|json_deserialize_sql|json_serialize_sql|iceberg_|delta_|sqlite_|postgres_|mysql_)/;
const CTE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * One SELECT whose every relation is an allowed, unqualified view or a CTE of its own, whose only
 * table functions generate numbers and which calls no function that reads settings, files or the
 * catalogue. A CTE may not carry the name of anything in the warehouse, so that a name in the query
 * can only ever mean the CTE or the allowed view. Returns the parse tree as JSON text.
 */
export async function pruefeAdhoc(wh: Warehouse, sql: string, erlaubt: string[]): Promise<string> {
  const anweisungen = await wh.verbindung.extractStatements(sql);
  if (anweisungen.count !== 1) throw new WarehouseFehler('abfrage_nicht_erlaubt', `Genau eine Abfrage erwartet, gefunden: ${anweisungen.count}.`);
  // The parse tree is checked before anything is bound: binding alone would already open files
  // that a query names (DuckDB sniffs a CSV to learn its columns).
  const baumText = String(await wh.wert('SELECT json_serialize_sql($s::VARCHAR)', { s: sql }));
  const baum = JSON.parse(baumText);
  if (baum.error) {
    if (/Only SELECT/i.test(String(baum.error_message))) throw new WarehouseFehler('abfrage_nicht_erlaubt', 'Nur lesende Abfragen (SELECT) sind erlaubt.');
    throw new WarehouseFehler('abfrage_ungueltig', `Die Abfrage ist fehlerhaft: ${baum.error_message}`);
  }
  const vorhanden = new Set((await wh.abfrage(`SELECT lower(table_name) AS n FROM duckdb_tables() UNION SELECT lower(view_name) FROM duckdb_views()`)).map((z) => String(z.n)));
  const ctes = new Set<string>();
  const bezuege: Array<{ art: string; name: string; qualifiziert: boolean }> = [];
  const nicht = (meldung: string) => new WarehouseFehler('abfrage_nicht_erlaubt', meldung);
  const gehe = (k: unknown): void => {
    if (Array.isArray(k)) { k.forEach(gehe); return; }
    if (!k || typeof k !== 'object') return;
    const o = k as Record<string, unknown>;
    if (o.cte_map && typeof o.cte_map === 'object') {
      for (const e of ((o.cte_map as { map?: Array<{ key: string }> }).map ?? [])) {
        const name = e.key.toLowerCase();
        if (!CTE_NAME.test(name) || vorhanden.has(name)) throw nicht(`Der CTE-Name „${e.key}“ ist nicht erlaubt (nur Buchstaben, Ziffern, _ und kein Name einer Tabelle oder Sicht des Warehouse).`);
        ctes.add(name);
      }
    }
    if (o.type === 'SHOW_REF' || o.type === 'SHOW') throw nicht('SHOW und DESCRIBE sind in Ad-hoc-Abfragen nicht erlaubt.');
    if (o.type === 'BASE_TABLE') bezuege.push({ art: 'tabelle', name: String(o.table_name).toLowerCase(), qualifiziert: Boolean(o.schema_name || o.catalog_name) });
    if (o.type === 'TABLE_FUNCTION') {
      const f = o.function as { function_name?: string } | undefined;
      bezuege.push({ art: 'funktion', name: String(f?.function_name ?? '?').toLowerCase(), qualifiziert: false });
    }
    if (o.class === 'FUNCTION' && typeof o.function_name === 'string' && VERBOTENE_FUNKTIONEN.test(o.function_name.toLowerCase())) {
      throw nicht(`Die Funktion ${o.function_name}() ist in Ad-hoc-Abfragen nicht erlaubt.`);
    }
    Object.values(o).forEach(gehe);
  };
  gehe(baum);
  const erlaubteNamen = new Set(erlaubt);
  for (const b of bezuege) {
    if (b.art === 'funktion' && !TABELLENFUNKTIONEN.has(b.name)) {
      throw nicht(`Die Tabellenfunktion ${b.name}() ist in Ad-hoc-Abfragen nicht erlaubt (Dateizugriffe, ATTACH und Einstellungen sind gesperrt).`);
    }
    if (b.art === 'tabelle' && (b.qualifiziert || (!ctes.has(b.name) && !erlaubteNamen.has(b.name)))) {
      throw nicht(`„${b.name}“ ist für Ad-hoc-Abfragen nicht freigegeben. Erlaubt: ${[...erlaubteNamen].join(', ')} (ohne Schema-Angabe).`);
    }
  }
  let typ;
  try {
    typ = (await anweisungen.prepare(0)).statementType;
  } catch (e) {
    throw abfragefehler(e);
  }
  if (typ !== StatementType.SELECT) throw nicht('Nur lesende Abfragen (SELECT) sind erlaubt.');
  return baumText;
}

const HOECHSTENS_BYTES = 64 * 1024 * 1024;

/** Reads chunk by chunk and stops at the row limit or at 64 MB of text, whichever comes first. */
async function lies(wh: Warehouse, sql: string, grenzen: Grenzen): Promise<AdhocErgebnis> {
  const hoechstens = grenzen.zeilen ?? 100_000;
  const sekunden = grenzen.sekunden ?? 60;
  let abgebrochen = false;
  const wecker = setTimeout(() => { abgebrochen = true; wh.verbindung.interrupt(); }, sekunden * 1000);
  try {
    const ergebnis = await wh.verbindung.stream(sql);
    const spalten = ergebnis.columnNames();
    const zahlenspalten = ergebnis.columnTypes().map((t) => istZahltyp(t.typeId));
    const zeilen: Zeile[] = [];
    let bytes = 0;
    let abgeschnitten = false;
    for (let stueck = await ergebnis.fetchChunk(); stueck && stueck.rowCount > 0; stueck = await ergebnis.fetchChunk()) {
      for (const werte of stueck.convertRows(JsonDuckDBValueConverter)) {
        const z: Zeile = Object.fromEntries(spalten.map((s, i) => [s, werte[i] ?? null]));
        bytes += JSON.stringify(z).length;
        if (zeilen.length >= hoechstens || bytes > HOECHSTENS_BYTES) { abgeschnitten = true; break; }
        zeilen.push(z);
      }
      if (abgeschnitten) break;
    }
    return { spalten, zahlenspalten, zeilen, abgeschnitten };
  } catch (e) {
    if (abgebrochen) throw new WarehouseFehler('abfrage_nicht_erlaubt', `Die Abfrage wurde nach ${sekunden} s abgebrochen (Zeitgrenze).`);
    throw abfragefehler(e);
  } finally {
    clearTimeout(wecker);
  }
}

/**
 * Locks this process's warehouse down for ad-hoc SQL (the CLI): no file reads or writes, no ATTACH,
 * no extension loads, no settings changes from here on. One-way by design.
 */
export async function sperreFuerAdhoc(wh: Warehouse): Promise<void> {
  await wh.ausfuehren(`SET disabled_filesystems = 'LocalFileSystem'`);
  await wh.ausfuehren(`SET autoinstall_known_extensions = false`);
  await wh.ausfuehren(`SET autoload_known_extensions = false`);
  await wh.ausfuehren(`SET lock_configuration = true`);
}

/** The CLI's ad-hoc query: audited before it runs, over every view and table of the warehouse. */
export async function adhocAbfrage(wh: Warehouse, sql: string, benutzer: string, grenzen: Grenzen = {}): Promise<AdhocErgebnis> {
  await wh.ausfuehren(`INSERT INTO audit (benutzer, aktion, objekt, details) VALUES ($b, 'sql', NULL, $d)`, { b: benutzer, d: sql });
  const alle = (await wh.abfrage(`SELECT table_name FROM duckdb_tables() WHERE NOT temporary UNION SELECT view_name FROM duckdb_views() WHERE NOT temporary AND NOT internal`))
    .map((z) => String(z.table_name));
  await pruefeAdhoc(wh, sql, alle);
  return await lies(wh, sql, grenzen);
}

/**
 * The API's ad-hoc query, on a connection of its own: every reference to an analyst view is turned
 * into a reference to a temp view `adhoc_<view>` that holds only the caller's scope (`bereiche`:
 * view → SQL predicate). The views themselves stay untouched, so their own figures stay right.
 */
export async function adhocImBereich(wh: Warehouse, sql: string, bereiche: Record<string, string>, grenzen: Grenzen = {}): Promise<AdhocErgebnis> {
  let baum = await pruefeAdhoc(wh, sql, [...ADHOC_SICHTEN, ...ADHOC_DIMENSIONEN]);
  for (const sicht of ADHOC_SICHTEN) baum = baum.replaceAll(`"table_name":"${sicht}"`, `"table_name":"adhoc_${sicht}"`);
  const eigene = await wh.weitere();
  try {
    for (const sicht of ADHOC_SICHTEN) {
      await eigene.ausfuehren(`CREATE TEMP VIEW adhoc_${sicht} AS SELECT * FROM ${sicht} WHERE ${bereiche[sicht] ?? 'false'}`);
    }
    const umgeschrieben = String(await eigene.wert('SELECT json_deserialize_sql($b::JSON)', { b: baum }));
    return await lies(eigene, umgeschrieben, grenzen);
  } finally {
    eigene.schliessen();
  }
}

function abfragefehler(e: unknown): WarehouseFehler {
  const text = (e as Error).message;
  if (/Permission Error|disabled by configuration|lock_configuration/i.test(text)) {
    return new WarehouseFehler('abfrage_nicht_erlaubt', 'Dateizugriffe, ATTACH und Einstellungen sind in Ad-hoc-Abfragen nicht erlaubt.');
  }
  return new WarehouseFehler('abfrage_ungueltig', `Die Abfrage ist fehlerhaft: ${text}`);
}
