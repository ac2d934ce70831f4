// What state the warehouse is in, for operators and the server's start: named queries, no figures.
import { sqlDatei } from '../sql.ts';
import type { Warehouse } from '../verbindung.ts';

const sql = (name: string) => sqlDatei(import.meta.url, name);

/** When a load or a forecast last changed the figures; null for a warehouse without either. */
export async function letzteAenderung(wh: Warehouse): Promise<Date | null> {
  const zeitpunkt = await wh.wert(sql('letzte_aenderung'));
  return zeitpunkt === null ? null : new Date(String(zeitpunkt));
}

/** Files loaded and their rows. */
export async function ladestand(wh: Warehouse): Promise<{ dateien: number; zeilen: number }> {
  const [z] = await wh.abfrage(sql('ladestand'));
  return { dateien: Number(z?.dateien ?? 0), zeilen: Number(z?.zeilen ?? 0) };
}

/** How many entries the reference catalogues hold. */
export async function katalogstand(
  wh: Warehouse,
): Promise<{ sozialraeume: number; gemeinden: number; hilfearten: number }> {
  const [z] = await wh.abfrage(sql('katalogstand'));
  return {
    sozialraeume: Number(z?.sozialraeume ?? 0),
    gemeinden: Number(z?.gemeinden ?? 0),
    hilfearten: Number(z?.hilfearten ?? 0),
  };
}

/** Answers when the connection can run a query (the server's health check). */
export async function istErreichbar(wh: Warehouse): Promise<true> {
  await wh.wert('SELECT 1');
  return true;
}
