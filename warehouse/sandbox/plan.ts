import { deutscheDbMeldung } from './meldung.ts';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse } from '../verbindung.ts';

/** What a bound plan reads: the tables it scans (catalog.schema.table) and the table functions it calls; whether it aggregates. */
export interface Lesart {
  tabellen: Set<string>;
  funktionen: Set<string>;
  aggregiert?: boolean;
}

interface PlanKnoten {
  type?: string;
  name?: string;
  function_data?: { catalog?: string; schema?: string; table?: string };
  children?: PlanKnoten[];
}

/** The binder's reading of a query (json_serialize_plan): every scan of a table or a table function, views resolved. */
export async function liestAus(wh: Warehouse, sql: string): Promise<Lesart> {
  const text = String(await wh.wert('SELECT json_serialize_plan($s::VARCHAR)', { s: sql }));
  const plan = JSON.parse(text) as { error?: boolean; error_message?: string; plans?: PlanKnoten[] };
  if (plan.error) throw new WarehouseFehler('abfrage_ungueltig', deutscheDbMeldung(String(plan.error_message)));
  const lesart: Lesart = { tabellen: new Set(), funktionen: new Set() };
  const gehe = (k: PlanKnoten): void => {
    if (k.type === 'LOGICAL_AGGREGATE_AND_GROUP_BY' || k.type === 'LOGICAL_WINDOW') lesart.aggregiert = true;
    if (k.type === 'LOGICAL_GET') {
      const t = k.function_data;
      if (k.name === 'seq_scan' && t?.table) lesart.tabellen.add(`${t.catalog}.${t.schema}.${t.table}`.toLowerCase());
      else lesart.funktionen.add(String(k.name).toLowerCase());
    }
    for (const kind of k.children ?? []) gehe(kind);
  };
  for (const p of plan.plans ?? []) gehe(p);
  return lesart;
}

/**
 * The second line of defence behind the parse-tree check: the binder's own plan of the query may read
 * only tables that the allowed views themselves read, and no table function beyond `erlaubt`. Users,
 * signing keys and the audit are read by no view, so no spelling can reach them.
 */
export function pruefeLesart(anfrage: Lesart, sichten: Lesart, erlaubteFunktionen: ReadonlySet<string>): void {
  for (const t of anfrage.tabellen) {
    if (!sichten.tabellen.has(t))
      throw new WarehouseFehler(
        'abfrage_nicht_erlaubt',
        `Die Abfrage liest eine Tabelle außerhalb der freigegebenen Sichten (${t.split('.').pop()}).`,
      );
  }
  for (const f of anfrage.funktionen) {
    if (!sichten.funktionen.has(f) && !erlaubteFunktionen.has(f)) {
      throw new WarehouseFehler(
        'abfrage_nicht_erlaubt',
        `Die Tabellenfunktion ${f}() ist in Ad-hoc-Abfragen nicht erlaubt.`,
      );
    }
  }
}
