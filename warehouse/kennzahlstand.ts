import type { Warehouse } from './verbindung.ts';

/**
 * The figures the warehouse keeps as tables (schema/12_abweichung.sql: `abweichung_stand`), each with the
 * view that computes it. Every write that changes their inputs refreshes them inside its own transaction:
 * loads, forecasts, reallocations and reference data land together with their figures. Many files loaded
 * in a row refresh once at the end (`nachLadungen`); meanwhile the table `kennzahlstand` says the figures
 * are stale, so that a process that dies in between leaves a mark the next opening acts on.
 */
const GEHALTEN = [['abweichung_stand', 'abweichung_berechnet']] as const;

/** When a load refreshes the kept figures: with its own transaction, or once after a row of loads. */
export type Kennzahlzeitpunkt = 'sofort' | 'spaeter';

export async function aktualisiereKennzahlstand(wh: Warehouse): Promise<void> {
  for (const [tabelle, berechnung] of GEHALTEN) {
    await wh.ausfuehren(`DELETE FROM ${tabelle}`);
    await wh.ausfuehren(`INSERT INTO ${tabelle} SELECT * FROM ${berechnung}`);
  }
  await wh.ausfuehren('UPDATE kennzahlstand SET veraltet = false');
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
  if (await wh.wert('SELECT bool_or(veraltet) FROM kennzahlstand')) await wh.transaktion(() => aktualisiereKennzahlstand(wh));
}

/** Before the schema is laid out again: the tables are made anew from the (perhaps changed) computation. */
export async function verwirfKennzahlstand(wh: Warehouse): Promise<void> {
  for (const [tabelle] of GEHALTEN) await wh.ausfuehren(`DROP TABLE IF EXISTS ${tabelle}`);
}
