import type { Warehouse } from './verbindung.ts';

/**
 * The figures the warehouse keeps as tables (schema/12_abweichung.sql), each with the view that computes
 * it and the name readers use. Every write that changes their inputs refreshes them inside its own
 * transaction: loads, forecasts, reallocations and reference data land together with their figures.
 * Many files loaded in a row refresh once at the end (`nachLadungen`); meanwhile the table
 * `kennzahlstand` says the figures are stale, so that a process that dies in between leaves a mark the
 * next opening acts on. In order: `abweichung` is computed from `verbrauch_topf_monat`.
 */
export const GEHALTEN = [
  {
    tabelle: 'verbrauch_topf_monat_stand',
    berechnung: 'verbrauch_topf_monat_berechnet',
    sicht: 'verbrauch_topf_monat',
    bedingung: '',
    nurLadung: true,
  },
  // As the view `abweichung` in schema/12_abweichung.sql: a quarter is reported once it has ended.
  {
    tabelle: 'abweichung_stand',
    berechnung: 'abweichung_berechnet',
    sicht: 'abweichung',
    bedingung: ' WHERE stichtag <= current_date',
    nurLadung: false,
  },
] as const;

/** When a load refreshes the kept figures: with its own transaction, or once after a row of loads. */
export type Kennzahlzeitpunkt = 'sofort' | 'spaeter';

/**
 * Computes the kept figures again. `nur`: a forecast or a reallocation of one year and Sozialraum changes
 * only that slice of `abweichung` (the bookings not at all), which is much cheaper at millions of rows.
 */
export async function aktualisiereKennzahlstand(
  wh: Warehouse,
  nur?: { jahr: number; sozialraum: string },
): Promise<void> {
  for (const g of GEHALTEN) {
    if (nur && g.nurLadung) continue;
    const wo = nur ? ' WHERE jahr = $jahr AND sozialraum = $sozialraum' : '';
    const werte = nur ? { jahr: nur.jahr, sozialraum: nur.sozialraum } : undefined;
    await wh.ausfuehren(`DELETE FROM ${g.tabelle}${wo}`, werte);
    await wh.ausfuehren(`INSERT INTO ${g.tabelle} SELECT * FROM ${g.berechnung}${wo}`, werte);
  }
  if (!nur) await wh.ausfuehren('UPDATE kennzahlstand SET veraltet = false');
}

export async function markiereVeraltet(wh: Warehouse): Promise<void> {
  await wh.ausfuehren('UPDATE kennzahlstand SET veraltet = true');
}

/** Runs a row of loads made with `kennzahlen: 'spaeter'`, then refreshes the figures once (also after a failure). */
export async function nachLadungen<T>(wh: Warehouse, ladungen: () => Promise<T>): Promise<T> {
  try {
    return await ladungen();
  } finally {
    await frischeAufWennVeraltet(wh);
  }
}

/** On opening for writing, and after a row of loads: stale figures are computed again. */
export async function frischeAufWennVeraltet(wh: Warehouse): Promise<void> {
  if (await wh.wert('SELECT bool_or(veraltet) FROM kennzahlstand'))
    await wh.transaktion(() => aktualisiereKennzahlstand(wh));
}

/**
 * A warehouse opened read-only cannot refresh stale figures (a row of loads broke off, then the file was
 * made read-only): its readers get the computation instead, under the same names, on every connection.
 * Temporary views come first in DuckDB's search path, also for the views that read `abweichung`; the
 * sandbox names its sources explicitly and takes them from `temp` where they are there.
 */
export async function rechneVeraltetesMit(wh: Warehouse): Promise<void> {
  const gibt = await wh.wert(
    `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kennzahlstand' AND database_name = current_database()`,
  );
  if (Number(gibt) === 0 || !(await wh.wert('SELECT bool_or(veraltet) FROM kennzahlstand'))) return;
  // Named with the warehouse's catalogue: the sandbox reads them from a catalogue of its own.
  const db = `"${String(await wh.wert('SELECT current_database()')).replace(/"/g, '""')}".main`;
  for (const g of GEHALTEN)
    await wh.richteEin(`CREATE OR REPLACE TEMP VIEW ${g.sicht} AS SELECT * FROM ${db}.${g.berechnung}${g.bedingung}`);
}

/** Before the schema is laid out again: the tables are made anew from the (perhaps changed) computation. */
export async function verwirfKennzahlstand(wh: Warehouse): Promise<void> {
  for (const g of GEHALTEN) await wh.ausfuehren(`DROP TABLE IF EXISTS ${g.tabelle}`);
}
