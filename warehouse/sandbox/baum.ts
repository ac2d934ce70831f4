import { readFileSync } from 'node:fs';
import { WarehouseFehler } from '../fehler.ts';

/** Table functions that only generate values; every other one (files, catalogue, settings) is refused. */
export const TABELLENFUNKTIONEN = new Set(['range', 'generate_series', 'unnest']);

// Window functions are no entries of duckdb_functions(); the parse tree names them in WINDOW nodes.
const FENSTERFUNKTIONEN = [
  'row_number',
  'rank',
  'dense_rank',
  'rank_dense',
  'percent_rank',
  'cume_dist',
  'ntile',
  'lag',
  'lead',
  'first_value',
  'last_value',
  'nth_value',
  'first',
  'last',
  'any_value',
];

const ERLAUBTE_FUNKTIONEN = new Set([
  ...readFileSync(new URL('./funktionen.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((z) => z.trim())
    .filter((z) => z && !z.startsWith('#')),
  ...FENSTERFUNKTIONEN,
]);

// A CTE's name is a plain identifier: a name with a dot or slash would, where the query names it
// outside the CTE's scope, send the binder to the file system (replacement scans of 'x.csv').
const CTE_NAME = /^[a-z_][a-z0-9_]*$/;

const nicht = (meldung: string) => new WarehouseFehler('abfrage_nicht_erlaubt', meldung);

/**
 * Checks DuckDB's own parse tree of one query (json_serialize_sql: only SELECT parses) before anything
 * is bound, since binding alone would open a file that a query names. Every relation must be a name
 * (DuckDB folds case, quoted or not) of an allowed view or of one of the query's own CTEs, without
 * schema or catalogue; every function must be on the allow-list. Which rows a name then reads is the
 * engine's decision: the query runs in a catalogue that holds only the caller's scoped views.
 * Returns the allowed names the query mentions (a CTE of the same name may shadow one: harmless) and
 * the names of its $parameters in order of first use.
 */
export function pruefeBaum(baum: unknown, erlaubt: ReadonlySet<string>): { genannt: Set<string>; parameter: string[] } {
  const ctes = new Set<string>();
  const parameter: string[] = [];
  const bezuege: Array<{ name: string; qualifiziert: boolean }> = [];
  const gehe = (k: unknown): void => {
    if (Array.isArray(k)) {
      k.forEach(gehe);
      return;
    }
    if (!k || typeof k !== 'object') return;
    const o = k as Record<string, unknown>;
    const cteKarte = (o.cte_map as { map?: Array<{ key: string }> } | undefined)?.map;
    for (const e of cteKarte ?? []) {
      const name = e.key.toLowerCase();
      if (!CTE_NAME.test(name))
        throw nicht(`Der CTE-Name „${e.key}“ ist nicht erlaubt: nur Buchstaben, Ziffern und _.`);
      ctes.add(name);
    }
    if (o.class === 'PARAMETER') {
      const name = String(o.identifier).toLowerCase();
      if (!/^[a-z_][a-z0-9_]*$/.test(name))
        throw new WarehouseFehler(
          'abfrage_ungueltig',
          `Parameter bitte mit Namen schreiben ($jahr), nicht als „$${o.identifier}“ oder „?“.`,
        );
      if (!parameter.includes(name)) parameter.push(name);
    }
    if (o.type === 'SHOW_REF' || o.type === 'SHOW')
      throw nicht('SHOW, DESCRIBE und SUMMARIZE sind in Ad-hoc-Abfragen nicht erlaubt.');
    if (o.type === 'BASE_TABLE') {
      bezuege.push({
        name: String(o.table_name).toLowerCase(),
        qualifiziert: Boolean(o.schema_name || o.catalog_name),
      });
    }
    if (o.type === 'TABLE_FUNCTION') {
      const f = o.function as
        { function_name?: string; schema?: string; catalog?: string; children?: unknown } | undefined;
      const name = String(f?.function_name ?? '?').toLowerCase();
      if (!TABELLENFUNKTIONEN.has(name) || f?.schema || f?.catalog) {
        throw nicht(
          `Die Tabellenfunktion ${name}() ist in Ad-hoc-Abfragen nicht erlaubt; erlaubt sind nur ${[...TABELLENFUNKTIONEN].join(', ')} (keine Dateien, kein Katalog, keine Einstellungen).`,
        );
      }
      // Its arguments are expressions like any other; the function node itself is checked above.
      const { function: _, ...rest } = o;
      gehe(f?.children);
      Object.values(rest).forEach(gehe);
      return;
    }
    if (
      (o.class === 'FUNCTION' || o.class === 'WINDOW' || o.class === 'AGGREGATE') &&
      typeof o.function_name === 'string'
    ) {
      const name = o.function_name.toLowerCase();
      // The parser itself writes schema "main" for [..] and {..} (list_value, struct_pack).
      if (!ERLAUBTE_FUNKTIONEN.has(name) || (o.schema && o.schema !== 'main') || o.catalog) {
        throw nicht(
          `Die Funktion ${o.function_name}() ist in Ad-hoc-Abfragen nicht erlaubt (nur lesende Funktionen ohne Zugriff auf Zustand, Einstellungen oder Dateien).`,
        );
      }
    }
    Object.values(o).forEach(gehe);
  };
  gehe(baum);
  const genannt = new Set<string>();
  for (const b of bezuege) {
    if (b.qualifiziert)
      throw nicht(
        `„${b.name}“ bitte ohne Schema- oder Katalogangabe nennen: Ad-hoc-Abfragen lesen nur die freigegebenen Sichten.`,
      );
    if (!ctes.has(b.name) && !erlaubt.has(b.name)) {
      throw nicht(`„${b.name}“ ist für Ad-hoc-Abfragen nicht freigegeben. Erlaubt: ${[...erlaubt].join(', ')}.`);
    }
    if (erlaubt.has(b.name)) genannt.add(b.name);
  }
  return { genannt, parameter };
}
