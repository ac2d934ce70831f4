// The analysts' sandbox: one read-only SELECT over the documented views, in the caller's scope.
import { deutscheDbMeldung } from './meldung.ts';
import { DuckDBTypeId, JsonDuckDBValueConverter, StatementType, type DuckDBValue } from '../duckdb.ts';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse, Zeile } from '../verbindung.ts';
import { istZahl, spaltentyp, type Spaltentyp } from '../ausgabe/spaltentyp.ts';
import { pruefeBaum, TABELLENFUNKTIONEN } from './baum.ts';
import { liestAus, pruefeLesart, type Lesart } from './plan.ts';
import { Spur } from './spur.ts';
import { kleineGanzzahlenVerdeckt, legeGeschuetztAn, zaehltFaelle } from './geschuetzt.ts';
import { kleinsteFallzahl } from '../kleinzahlen/index.ts';

export { Spur } from './spur.ts';

/** The documented views an ad-hoc query may read (warehouse/README.md), each scoped per caller. */
export const ADHOC_SICHTEN = [
  'finanzvolumen',
  'verbrauch',
  'abweichung',
  'kontrakt_abgleich',
  'personal_pruefung',
  'import_protokoll',
  'jahresabrechnung',
  'jahresabrechnung_befund',
  'umschichtung_vorschlag',
  'umschichtung',
  'praevention',
  'befunde',
  'fachcontrolling',
] as const;
export type AdhocSicht = (typeof ADHOC_SICHTEN)[number];
/** Reference data every caller may read whole. */
export const ADHOC_DIMENSIONEN = ['sozialraum', 'gemeinde', 'hilfeart', 'topf', 'segment'] as const;
const ERLAUBT: ReadonlySet<string> = new Set([...ADHOC_SICHTEN, ...ADHOC_DIMENSIONEN]);

export interface AdhocErgebnis {
  spalten: string[];
  zahlenspalten: boolean[];
  typen: Spaltentyp[];
  zeilen: Zeile[];
  abgeschnitten: boolean;
  /** What the small-number protection hid (docs/regeln.md §9); absent when nothing. */
  hinweis?: string;
}

export interface Grenzen {
  zeilen?: number;
  /** The whole query, execution and conversion of the result, ends after this many seconds. */
  sekunden?: number;
  /** The lane that bounds how many ad-hoc queries run at once (the API's); none: run at once. */
  spur?: Spur;
  /** Aborted when the caller has gone (the client closed the connection): the query stops too. */
  abbruch?: AbortSignal;
  /**
   * Exact counts of cases (the youth office's controllers, docs/regeln.md §9). Otherwise `fachcontrolling`
   * is its protected copy: small counts and the cells that would reveal them NULL, named in `unterdrueckt`.
   */
  exakteFallzahlen?: boolean;
  /** A Träger's controller: the copy also hides what its own contracts would give away (verdeckteFachzellen). */
  eigenerTraeger?: string;
}

/** The rows of each view a caller may read, as an SQL predicate over the view's columns. */
export type Bereiche = Record<AdhocSicht, string>;
export const ALLES: Bereiche = Object.fromEntries(ADHOC_SICHTEN.map((s) => [s, 'true'])) as Bereiche;

const HOECHSTENS_BYTES = 32 * 1024 * 1024;
let naechsterKatalog = 0;
const sichtenLesart = new Map<string, Lesart>();

/**
 * Runs one ad-hoc query in a catalogue of its own that holds nothing but the allowed views, each
 * already cut to the caller's scope (`bereiche`). Names are resolved by DuckDB there, so every
 * spelling of a view (case, quotes) reads the same scoped rows, and base tables, the system catalogue
 * and settings do not exist for the query. Before that the parse tree is checked (no schema or
 * catalogue prefixes, functions from an allow-list), after binding the plan (only tables the views
 * read). A query that passes cannot write: one SELECT, no function that changes state.
 */
export async function adhocAbfrage(
  wh: Warehouse,
  sql: string,
  bereiche: Bereiche,
  grenzen: Grenzen = {},
  parameter: Record<string, DuckDBValue> = {},
): Promise<AdhocErgebnis> {
  const lauf = () => inSandbox(wh, sql, bereiche, grenzen, parameter);
  return grenzen.spur ? await grenzen.spur.fahre(lauf) : await lauf();
}

async function inSandbox(
  wh: Warehouse,
  sql: string,
  bereiche: Bereiche,
  grenzen: Grenzen,
  parameter: Record<string, DuckDBValue>,
): Promise<AdhocErgebnis> {
  const eigene = await wh.weitere();
  const heimat = String(await eigene.wert('SELECT current_database()'));
  const katalog = `adhoc_${process.pid}_${++naechsterKatalog}`;
  const uhr = new Zeitgrenze(eigene, grenzen.sekunden ?? 60, grenzen.abbruch);
  let angelegt = false;
  try {
    const { anweisungen, genannt, parameter: namen } = await pruefeText(eigene, sql);
    const ohneWert = namen.filter((n) => !(n in parameter));
    if (ohneWert.length > 0) {
      throw new WarehouseFehler(
        'abfrage_ungueltig',
        `Für ${ohneWert.map((n) => `$${n}`).join(', ')} fehlt ein Wert: Parameter gibt es nur in gespeicherten Abfragen (POST /api/v1/abfragen), abgerufen mit ?${ohneWert[0]}=….`,
      );
    }

    const { quelle, temporaer } = await quellen(eigene, heimat);
    const bereichVon = (name: string) =>
      (ADHOC_SICHTEN as readonly string[]).includes(name) ? bereiche[name as AdhocSicht] : 'true';
    const geschuetzt = (name: string) => name === 'fachcontrolling' && !grenzen.exakteFallzahlen;
    // A view the query may read whole stays a view; everything else becomes a copy. A connection's
    // temporary view (read-only warehouse, stale kept figures) is copied too, because it is dropped
    // below: temporary names come first in DuckDB's lookup and would shadow the query's own catalogue.
    const alsSicht = (name: string) => bereichVon(name) === 'true' && !geschuetzt(name) && !temporaer.has(name);
    // Only what the views kept as views read may be scanned by the plan; a copy is a table of its own.
    const sichten = await lesartDerSichten(wh, quelle, new Set([...genannt].filter(alsSicht)));
    await eigene.ausfuehren(`ATTACH ':memory:' AS ${katalog} (READ_WRITE)`);
    angelegt = true;
    const eigeneTabellen: string[] = [];
    // Only the views the query names (DuckDB folds case as the check did): the rest could not be read anyway.
    for (const name of genannt) {
      const bereich = bereichVon(name);
      // fachcontrolling has the same columns for every role: exact counts come with an empty `unterdrueckt`.
      const lesen = `SELECT *${name === 'fachcontrolling' ? `, CAST('' AS VARCHAR) AS unterdrueckt` : ''} FROM ${quelle(name)}`;
      if (geschuetzt(name)) {
        await uhr.bis(legeGeschuetztAn(eigene, katalog, name, quelle(name), bereich, grenzen.eigenerTraeger));
        eigeneTabellen.push(`${katalog}.main.${name}`);
      } else if (alsSicht(name)) {
        await uhr.bis(eigene.ausfuehren(`CREATE VIEW ${katalog}.main.${name} AS ${lesen}`));
      } else {
        // A scope is a copy of the rows in scope, not a filter on a view: the optimiser may evaluate a
        // query's own conditions before a view's filter, and an error in them (a failed cast) would
        // then quote a row outside the scope. Rows that are not there cannot be quoted.
        await uhr.bis(eigene.ausfuehren(`CREATE TABLE ${katalog}.main.${name} AS ${lesen} WHERE ${bereich}`));
        eigeneTabellen.push(`${katalog}.main.${name}`);
      }
    }
    // This connection is the query's alone: its temporary views go, so every name resolves in its catalogue.
    for (const name of temporaer) await eigene.ausfuehren(`DROP VIEW temp.main.${bezeichner(name)}`);
    await eigene.ausfuehren(`USE ${katalog}`);

    let typ;
    try {
      typ = (await uhr.bis(anweisungen.prepare(0))).statementType;
    } catch (e) {
      throw uhr.fehler(e);
    }
    if (typ !== StatementType.SELECT)
      throw new WarehouseFehler('abfrage_nicht_erlaubt', 'Nur lesende Abfragen (SELECT) sind erlaubt.');
    const lesart = await uhr.bis(liestAus(eigene, sql));
    pruefeLesart(
      lesart,
      { tabellen: new Set([...sichten.tabellen, ...eigeneTabellen]), funktionen: sichten.funktionen },
      TABELLENFUNKTIONEN,
    );
    const { ganzzahlig, ...ergebnis } = await lies(eigene, sql, grenzen, uhr, parameter);
    return grenzen.exakteFallzahlen || !zaehltFaelle(lesart)
      ? ergebnis
      : kleineGanzzahlenVerdeckt(ergebnis, ganzzahlig, await kleinsteFallzahl(wh));
  } catch (e) {
    throw uhr.fehler(e);
  } finally {
    uhr.aus();
    if (angelegt) {
      await eigene.ausfuehren(`USE ${bezeichner(heimat)}`).catch(() => {});
      await eigene.ausfuehren(`DETACH ${katalog}`).catch(() => {});
    }
    eigene.schliessen();
  }
}

/** One deadline for the whole query: copying the scope, binding, running and converting the result. */
class Zeitgrenze {
  private grund: 'zeit' | 'abbruch' | undefined;
  private readonly ende: number;
  private readonly wecker: NodeJS.Timeout;

  constructor(
    wh: Warehouse,
    private readonly sekunden: number,
    abbruch?: AbortSignal,
  ) {
    this.ende = Date.now() + sekunden * 1000;
    const halt = (grund: 'zeit' | 'abbruch') => {
      this.grund ??= grund;
      wh.verbindung.interrupt();
    };
    this.wecker = setTimeout(() => halt('zeit'), sekunden * 1000);
    // Nobody waits for the answer any more: the lane's slot is worth more than finishing.
    abbruch?.addEventListener('abort', () => halt('abbruch'), { once: true });
  }

  /** Throws once the time is up, between two steps that DuckDB's interrupt does not reach (JavaScript work). */
  pruefe(): void {
    if (!this.grund && Date.now() > this.ende) this.grund = 'zeit';
    if (this.grund) throw this.haltfehler();
  }

  async bis<T>(schritt: Promise<T>): Promise<T> {
    const ergebnis = await schritt;
    this.pruefe();
    return ergebnis;
  }

  /** The caller's error for whatever went wrong: the time limit or the caller gone if it was that, else DuckDB's message. */
  fehler(e: unknown): WarehouseFehler {
    if (this.grund) return this.haltfehler();
    return e instanceof WarehouseFehler ? e : abfragefehler(e);
  }

  aus(): void {
    clearTimeout(this.wecker);
  }

  private haltfehler(): WarehouseFehler {
    if (this.grund === 'abbruch')
      return new WarehouseFehler(
        'abfrage_zeitgrenze',
        'Die Abfrage wurde abgebrochen: der Aufrufer hat die Verbindung geschlossen.',
      );
    return new WarehouseFehler(
      'abfrage_zeitgrenze',
      `Die Abfrage wurde nach ${this.sekunden} s abgebrochen (Zeitgrenze). Bitte eingrenzen, z. B. mit WHERE jahr = …`,
    );
  }
}

/** One statement, its parse tree within the rules; the allowed names it mentions. Nothing is bound yet. */
async function pruefeText(wh: Warehouse, sql: string) {
  const anweisungen = await wh.verbindung.extractStatements(sql).catch((e: unknown) => {
    throw abfragefehler(e);
  });
  if (anweisungen.count !== 1)
    throw new WarehouseFehler('abfrage_nicht_erlaubt', `Genau eine Abfrage erwartet, gefunden: ${anweisungen.count}.`);
  return { anweisungen, ...pruefeBaum(await parseBaum(wh, sql), ERLAUBT) };
}

/**
 * Checks a query for saving (the sandbox's rules, nothing run) and names its $parameters in order of first use.
 * A parameter whose type nothing in the query gives (`SELECT $jahr AS j`) is refused: DuckDB prepares it,
 * but every run of it in the sandbox fails with an internal error ("unique_ptr that is NULL").
 */
export async function parameterDerAbfrage(wh: Warehouse, sql: string): Promise<string[]> {
  const { anweisungen, parameter } = await pruefeText(wh, sql);
  if (parameter.length === 0) return parameter;
  // Only the parameters' types are read here; a name the query cannot bind outside the sandbox is the
  // sandbox's to report at the call, with the caller's views.
  const vorbereitet = await anweisungen.prepare(0).catch(() => undefined);
  for (let i = 1; vorbereitet && i <= vorbereitet.parameterCount; i++) {
    if (vorbereitet.parameterTypeId(i) !== DuckDBTypeId.INVALID) continue;
    const name = vorbereitet.parameterName(i);
    throw new WarehouseFehler(
      'abfrage_ungueltig',
      `Der Parameter $${name} hat keinen Typ, den die Abfrage ergibt (er steht z. B. nur in der SELECT-Liste): bitte umwandeln, z. B. CAST($${name} AS INTEGER) oder CAST($${name} AS VARCHAR).`,
    );
  }
  return parameter;
}

async function parseBaum(wh: Warehouse, sql: string): Promise<unknown> {
  const baum = JSON.parse(String(await wh.wert('SELECT json_serialize_sql($s::VARCHAR)', { s: sql }))) as {
    error?: boolean;
    error_message?: string;
  };
  if (baum.error) {
    if (/Only SELECT/i.test(String(baum.error_message)))
      throw new WarehouseFehler('abfrage_nicht_erlaubt', 'Nur lesende Abfragen (SELECT) sind erlaubt.');
    throw new WarehouseFehler('abfrage_ungueltig', deutscheDbMeldung(String(baum.error_message)));
  }
  return baum;
}

/**
 * What the views the query names themselves read: the only tables its plan may scan (its catalogue
 * holds no other view). Each view once per warehouse and process, when a query first names it (binding
 * all of them took a second, paid by every `srb sql`), on a connection of its own (no query's deadline
 * may cut it short); a failure is not kept.
 */
async function lesartDerSichten(wh: Warehouse, quelle: Quelle, namen: ReadonlySet<string>): Promise<Lesart> {
  const alle: Lesart = { tabellen: new Set(), funktionen: new Set() };
  const fehlen = [...namen].filter((n) => !sichtenLesart.has(`${wh.pfad}|${quelle(n)}`));
  if (fehlen.length > 0) {
    const eigene = await wh.weitere();
    try {
      for (const name of fehlen)
        sichtenLesart.set(`${wh.pfad}|${quelle(name)}`, await liestAus(eigene, `SELECT * FROM ${quelle(name)}`));
    } finally {
      eigene.schliessen();
    }
  }
  for (const name of namen) {
    const l = sichtenLesart.get(`${wh.pfad}|${quelle(name)}`)!;
    l.tabellen.forEach((t) => alle.tabellen.add(t));
    l.funktionen.forEach((f) => alle.funktionen.add(f));
  }
  return alle;
}

const bezeichner = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Where the query's copy of an allowed view reads from, fully named (the query's own catalogue has the same names). */
type Quelle = (name: string) => string;

/**
 * The warehouse's view, or the connection's temporary view of that name where the warehouse set one up
 * (a read-only warehouse with stale kept figures computes them instead: warehouse/kennzahlstand.ts).
 */
async function quellen(wh: Warehouse, heimat: string): Promise<{ quelle: Quelle; temporaer: ReadonlySet<string> }> {
  const temporaer = new Set(
    (
      await wh.abfrage(
        "SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal AND database_name = 'temp'",
      )
    ).map((z) => String(z.view_name)),
  );
  return {
    quelle: (name) => (temporaer.has(name) ? `temp.main.${name}` : `${bezeichner(heimat)}.main.${name}`),
    temporaer,
  };
}

/** Reads chunk by chunk; stops at the row limit or 32 MB of text; the deadline covers the conversion too. */
async function lies(
  wh: Warehouse,
  sql: string,
  grenzen: Grenzen,
  uhr: Zeitgrenze,
  parameter: Record<string, DuckDBValue>,
): Promise<AdhocErgebnis & { ganzzahlig: boolean[] }> {
  const hoechstens = grenzen.zeilen ?? 100_000;
  const ergebnis = await uhr.bis(wh.verbindung.stream(sql, parameter));
  const spalten = eindeutig(ergebnis.columnNames());
  const typen = ergebnis.columnTypes();
  const spaltentypen = typen.map(spaltentyp);
  const zeilen: Zeile[] = [];
  let bytes = 0;
  let abgeschnitten = false;
  for (
    let stueck = await uhr.bis(ergebnis.fetchChunk());
    stueck && stueck.rowCount > 0;
    stueck = await uhr.bis(ergebnis.fetchChunk())
  ) {
    // Row by row, not the whole chunk of 2048 at once: the byte limit must hold before the memory is spent.
    for (let r = 0; r < stueck.rowCount; r++) {
      const werte = stueck.getRowValues(r);
      const z: Zeile = Object.fromEntries(
        spalten.map((s, i) => [s, JsonDuckDBValueConverter(werte[i]!, typen[i]!, JsonDuckDBValueConverter) ?? null]),
      );
      bytes += JSON.stringify(z).length;
      if (zeilen.length >= hoechstens || bytes > HOECHSTENS_BYTES) {
        abgeschnitten = true;
        break;
      }
      zeilen.push(z);
    }
    uhr.pruefe();
    if (abgeschnitten) break;
  }
  // Whole numbers (a count is BIGINT, a sum of integers HUGEINT): what the small-number rule looks at.
  const ganzzahlig = spaltentypen.map((t) => t.art === 'ganzzahl' || (t.art === 'dezimal' && t.skala === 0));
  return { spalten, zahlenspalten: spaltentypen.map(istZahl), typen: spaltentypen, zeilen, abgeschnitten, ganzzahlig };
}

/** Column names as keys of a JSON row: a second "a" would overwrite the first, so it becomes "a_2". */
function eindeutig(namen: string[]): string[] {
  const gesehen = new Set<string>();
  return namen.map((n) => {
    let name = n;
    for (let i = 2; gesehen.has(name); i++) name = `${n}_${i}`;
    gesehen.add(name);
    return name;
  });
}

function abfragefehler(e: unknown): WarehouseFehler {
  const text = (e as Error).message;
  if (/Permission Error|disabled by configuration|lock_configuration/i.test(text)) {
    return new WarehouseFehler(
      'abfrage_nicht_erlaubt',
      'Dateizugriffe, ATTACH und Einstellungen sind in Ad-hoc-Abfragen nicht erlaubt.',
    );
  }
  // The binder's hints name tables of the warehouse ("Did you mean warehouse.benutzer?"): not for callers.
  const fehlt = /Table with name (.+?) does not exist/.exec(text);
  if (fehlt)
    return new WarehouseFehler(
      'abfrage_ungueltig',
      `„${fehlt[1]}“ gibt es in Ad-hoc-Abfragen nicht. Erlaubt: ${[...ERLAUBT].join(', ')} und die eigenen CTEs.`,
    );
  return new WarehouseFehler('abfrage_ungueltig', deutscheDbMeldung(text));
}

/**
 * Locks a process's read-only warehouse down for ad-hoc SQL (the CLI): no file reads or writes, no
 * extension loads, no settings changes from here on. One-way by design, behind the checks above.
 */
export async function sperreFuerAdhoc(wh: Warehouse): Promise<void> {
  await wh.ausfuehren(`SET disabled_filesystems = 'LocalFileSystem'`);
  await wh.ausfuehren(`SET autoinstall_known_extensions = false`);
  await wh.ausfuehren(`SET autoload_known_extensions = false`);
  await wh.ausfuehren(`SET lock_configuration = true`);
}
