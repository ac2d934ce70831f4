import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Warehouse } from '../verbindung.ts';

let fluechtig: string | undefined;

/**
 * The key the API signs its sign-in tokens with. It lies beside the warehouse file (NAME.duckdb.schluessel,
 * readable only by its owner), not inside it: a backup is a copy of the warehouse file and may travel to
 * people who must not be able to sign tokens for the running server. Made on first use; a warehouse in
 * memory or in a folder this process may not write gets a key for this process only (tokens end with it).
 */
export function signierSchluessel(wh: Warehouse): string {
  if (wh.pfad === ':memory:') return (fluechtig ??= randomBytes(32).toString('hex'));
  const datei = `${wh.pfad}.schluessel`;
  try {
    return readFileSync(datei, 'utf8').trim();
  } catch {
    // not there yet: made below
  }
  const neu = randomBytes(32).toString('hex');
  try {
    writeFileSync(datei, neu, { mode: 0o600, flag: 'wx' });
    return neu;
  } catch (e) {
    // Another process made it in the meantime: take theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(datei, 'utf8').trim();
    return (fluechtig ??= neu);
  }
}
