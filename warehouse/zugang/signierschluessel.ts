import { randomBytes } from 'node:crypto';
import type { Warehouse } from '../verbindung.ts';

/**
 * The key the API signs its sign-in tokens with, made once per warehouse and kept in it, so that tokens
 * outlive a restart of the server but not a new warehouse.
 */
export async function signierSchluessel(wh: Warehouse): Promise<string> {
  const vorhanden = await wh.wert(`SELECT wert FROM schluessel WHERE name = 'token'`);
  if (vorhanden !== null) return String(vorhanden);
  return await wh.schreibe(async () => {
    await wh.ausfuehren(`INSERT OR IGNORE INTO schluessel VALUES ('token', $w)`, { w: randomBytes(32).toString('hex') });
    return String(await wh.wert(`SELECT wert FROM schluessel WHERE name = 'token'`));
  });
}
