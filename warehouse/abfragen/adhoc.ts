import { StatementType } from '@duckdb/node-api';
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
export const ADHOC_SICHTEN = ['finanzvolumen', 'verbrauch', 'abweichung', 'kontrakt_abgleich', 'personal_pruefung', 'import_protokoll'];
export const ADHOC_DIMENSIONEN = ['sozialraum', 'gemeinde', 'hilfeart', 'topf', 'segment'];
const TABELLENFUNKTIONEN = new Set(['range', 'generate_series', 'unnest']);

/**
 * One SELECT whose every relation is a CTE of its own or an allowed, unqualified name and whose only
 * table functions generate numbers: so no read_csv, glob, query(), ATTACH, COPY, SET or PRAGMA.
 */
export async function pruefeAdhoc(wh: Warehouse, sql: string, erlaubt: string[]): Promise<void> {
  const anweisungen = await wh.verbindung.extractStatements(sql);
  if (anweisungen.count !== 1) throw new WarehouseFehler('abfrage_nicht_erlaubt', `Genau eine Abfrage erwartet, gefunden: ${anweisungen.count}.`);
  let typ;
  try {
    typ = (await anweisungen.prepare(0)).statementType;
  } catch (e) {
    throw abfragefehler(e);
  }
  if (typ !== StatementType.SELECT) throw new WarehouseFehler('abfrage_nicht_erlaubt', 'Nur lesende Abfragen (SELECT) sind erlaubt.');
  const baum = JSON.parse(String(await wh.wert('SELECT json_serialize_sql($s::VARCHAR)', { s: sql })));
  if (baum.error) throw new WarehouseFehler('abfrage_nicht_erlaubt', `Die Abfrage lässt sich nicht prüfen: ${baum.error_message}`);
  const ctes = new Set<string>();
  const bezuege: Array<{ art: string; name: string; qualifiziert: boolean }> = [];
  const gehe = (k: unknown): void => {
    if (Array.isArray(k)) { k.forEach(gehe); return; }
    if (!k || typeof k !== 'object') return;
    const o = k as Record<string, unknown>;
    if (o.cte_map && typeof o.cte_map === 'object') {
      for (const e of ((o.cte_map as { map?: Array<{ key: string }> }).map ?? [])) ctes.add(e.key.toLowerCase());
    }
    if (o.type === 'BASE_TABLE') bezuege.push({ art: 'tabelle', name: String(o.table_name).toLowerCase(), qualifiziert: Boolean(o.schema_name || o.catalog_name) });
    if (o.type === 'TABLE_FUNCTION') {
      const f = o.function as { function_name?: string } | undefined;
      bezuege.push({ art: 'funktion', name: String(f?.function_name ?? '?').toLowerCase(), qualifiziert: false });
    }
    Object.values(o).forEach(gehe);
  };
  gehe(baum);
  const erlaubteNamen = new Set(erlaubt);
  for (const b of bezuege) {
    if (b.art === 'funktion' && !TABELLENFUNKTIONEN.has(b.name)) {
      throw new WarehouseFehler('abfrage_nicht_erlaubt', `Die Tabellenfunktion ${b.name}() ist in Ad-hoc-Abfragen nicht erlaubt (Dateizugriffe, ATTACH und Einstellungen sind gesperrt).`);
    }
    if (b.art === 'tabelle' && (b.qualifiziert || (!ctes.has(b.name) && !erlaubteNamen.has(b.name)))) {
      throw new WarehouseFehler('abfrage_nicht_erlaubt', `„${b.name}“ ist für Ad-hoc-Abfragen nicht freigegeben. Erlaubt: ${[...erlaubteNamen].join(', ')} (ohne Schema-Angabe).`);
    }
  }
}

async function lies(wh: Warehouse, sql: string, grenzen: Grenzen): Promise<AdhocErgebnis> {
  const hoechstens = grenzen.zeilen ?? 100_000;
  const sekunden = grenzen.sekunden ?? 60;
  let abgebrochen = false;
  const wecker = setTimeout(() => { abgebrochen = true; wh.verbindung.interrupt(); }, sekunden * 1000);
  try {
    const leser = await wh.verbindung.runAndReadUntil(sql, hoechstens + 1);
    const alle = leser.getRowObjectsJson() as Zeile[];
    return {
      spalten: leser.columnNames(),
      zahlenspalten: leser.columnTypes().map((t) => istZahltyp(t.typeId)),
      zeilen: alle.slice(0, hoechstens),
      abgeschnitten: alle.length > hoechstens,
    };
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
 * The API's ad-hoc query, on a connection of its own whose temp views shadow the analyst views with
 * the caller's scope (`bereiche`: view → SQL predicate), so that no row outside it can be named.
 */
export async function adhocImBereich(wh: Warehouse, sql: string, bereiche: Record<string, string>, grenzen: Grenzen = {}): Promise<AdhocErgebnis> {
  await pruefeAdhoc(wh, sql, [...ADHOC_SICHTEN, ...ADHOC_DIMENSIONEN]);
  const eigene = await wh.weitere();
  try {
    const katalog = String(await eigene.wert('SELECT current_database()')).replace(/"/g, '""');
    for (const sicht of ADHOC_SICHTEN) {
      await eigene.ausfuehren(`CREATE TEMP VIEW ${sicht} AS SELECT * FROM "${katalog}".main.${sicht} WHERE ${bereiche[sicht] ?? 'false'}`);
    }
    return await lies(eigene, sql, grenzen);
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
