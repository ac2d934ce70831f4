import { createHash } from 'node:crypto';
import { liestAus } from '../sandbox/plan.ts';
import type { Warehouse } from '../verbindung.ts';

/** The kinds of write that change figures: a load (any table), a written forecast, a reallocation. */
export const AENDERUNGSARTEN = ['ladung', 'prognose', 'umschichtung'] as const;
export type Aenderungsart = (typeof AENDERUNGSARTEN)[number];

/**
 * The tables each kind of write other than a load changes (with the kept figures they refresh). A load
 * may change any table. test/abhaengigkeit.test.ts compares every table before and after each write
 * and fails when a write changes a table not listed here.
 */
export const GESCHRIEBENE_TABELLEN: Record<Exclude<Aenderungsart, 'ladung'>, readonly string[]> = {
  prognose: ['prognose_version', 'prognose_wert', 'abweichung_stand', 'audit'],
  umschichtung: ['umschichtung', 'abweichung_stand', 'audit'],
};

const bekannt = new Map<string, Aenderungsart[]>();

/**
 * Which kinds of write can change the answer of a query: read from DuckDB's own plan of it (the tables
 * it scans, views resolved), so that a cached figure outlives the writes that cannot touch it (a forecast
 * does not change the bookings). Parameters are planned as NULL: they choose rows, not tables.
 */
export async function abhaengigkeiten(wh: Warehouse, text: string): Promise<Aenderungsart[]> {
  const schluessel = createHash('sha1').update(text).digest('hex');
  const gemerkt = bekannt.get(schluessel);
  if (gemerkt) return gemerkt;
  let tabellen: Set<string>;
  try {
    ({ tabellen } = await liestAus(wh, text.replace(/\$[A-Za-z_][A-Za-z0-9_]*/g, 'NULL')));
  } catch {
    // Not plannable this way: every kind of write may change it, the safe answer for a cache.
    return [...AENDERUNGSARTEN];
  }
  const namen = [...tabellen].map((t) => t.split('.').pop()!);
  const arten: Aenderungsart[] = ['ladung'];
  for (const art of ['prognose', 'umschichtung'] as const) {
    if (namen.some((n) => GESCHRIEBENE_TABELLEN[art].includes(n))) arten.push(art);
  }
  if (bekannt.size >= 5000) bekannt.clear();
  bekannt.set(schluessel, arten);
  return arten;
}
