import { DuckDBTypeId, StatementType } from '@duckdb/node-api';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse, Zeile } from '../verbindung.ts';

export interface AdhocErgebnis {
  spalten: string[];
  zahlenspalten: boolean[];
  zeilen: Zeile[];
  abgeschnitten: boolean;
}

const ZAHLTYPEN = new Set<number>([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL, DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE,
]);

/**
 * Locks this process's warehouse down for ad-hoc SQL: no file reads or writes, no ATTACH, no
 * extension loads, no settings changes from here on. One-way by design; use a process of its own.
 */
export async function sperreFuerAdhoc(wh: Warehouse): Promise<void> {
  await wh.ausfuehren(`SET disabled_filesystems = 'LocalFileSystem'`);
  await wh.ausfuehren(`SET autoinstall_known_extensions = false`);
  await wh.ausfuehren(`SET autoload_known_extensions = false`);
  await wh.ausfuehren(`SET lock_configuration = true`);
}

/** One read-only SELECT, audited before it runs; at most `hoechstens` rows come back. */
export async function adhocAbfrage(
  wh: Warehouse, sql: string, benutzer: string, grenzen: { zeilen?: number; sekunden?: number } = {},
): Promise<AdhocErgebnis> {
  const hoechstens = grenzen.zeilen ?? 100_000;
  const sekunden = grenzen.sekunden ?? 60;
  const anweisungen = await wh.verbindung.extractStatements(sql);
  if (anweisungen.count !== 1) {
    throw new WarehouseFehler('abfrage_nicht_erlaubt', `Genau eine Abfrage erwartet, gefunden: ${anweisungen.count}.`);
  }
  await wh.ausfuehren(`INSERT INTO audit (benutzer, aktion, objekt, details) VALUES ($b, 'sql', NULL, $d)`, { b: benutzer, d: sql });
  let vorbereitet;
  try {
    vorbereitet = await anweisungen.prepare(0);
  } catch (e) {
    throw abfragefehler(e);
  }
  if (vorbereitet.statementType !== StatementType.SELECT) {
    throw new WarehouseFehler('abfrage_nicht_erlaubt', 'Nur lesende Abfragen (SELECT) sind erlaubt.');
  }
  let leser;
  let abgebrochen = false;
  const wecker = setTimeout(() => { abgebrochen = true; wh.verbindung.interrupt(); }, sekunden * 1000);
  try {
    leser = await vorbereitet.runAndReadUntil(hoechstens + 1);
  } catch (e) {
    if (abgebrochen) throw new WarehouseFehler('abfrage_nicht_erlaubt', `Die Abfrage wurde nach ${sekunden} s abgebrochen (Zeitgrenze).`);
    throw abfragefehler(e);
  } finally {
    clearTimeout(wecker);
  }
  const alle = leser.getRowObjectsJson() as Zeile[];
  return {
    spalten: leser.columnNames(),
    zahlenspalten: leser.columnTypes().map((t) => ZAHLTYPEN.has(t.typeId)),
    zeilen: alle.slice(0, hoechstens),
    abgeschnitten: alle.length > hoechstens,
  };
}

function abfragefehler(e: unknown): WarehouseFehler {
  const text = (e as Error).message;
  if (/Permission Error|disabled by configuration|lock_configuration/i.test(text)) {
    return new WarehouseFehler('abfrage_nicht_erlaubt', 'Dateizugriffe, ATTACH und Einstellungen sind in Ad-hoc-Abfragen nicht erlaubt.');
  }
  return new WarehouseFehler('abfrage_ungueltig', `Die Abfrage ist fehlerhaft: ${text}`);
}
