import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse } from '../verbindung.ts';

const FORM = /^[0-9a-f]{64}$/;
let fluechtig: string | undefined;

/**
 * The key the API signs its sign-in tokens with. It lies beside the warehouse file (NAME.duckdb.schluessel,
 * readable only by its owner), not inside it: a backup is a copy of the warehouse file and may travel to
 * people who must not be able to sign tokens for the running server. Made on first use, whole or not at
 * all (written to a file of its own, then linked into place); a warehouse in memory or in a folder this
 * process may not write gets a key for this process only (tokens end with it). A key file that is not
 * 64 hex digits, or that others may read, is refused: an empty or guessable key would sign anyone's token.
 */
export function signierSchluessel(wh: Warehouse): string {
  if (wh.pfad === ':memory:') return (fluechtig ??= randomBytes(32).toString('hex'));
  const datei = `${wh.pfad}.schluessel`;
  const vorhanden = lies(datei);
  if (vorhanden !== undefined) return vorhanden;
  const neu = randomBytes(32).toString('hex');
  const teil = `${datei}.${process.pid}.neu`;
  try {
    const fd = openSync(teil, 'wx', 0o600);
    try {
      writeSync(fd, neu);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(teil, datei);
    return neu;
  } catch (e) {
    // Another process made it in the meantime: take theirs. Anything else (read-only folder, full disk):
    // a key for this process only, and no file that a later start would read half-written.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return lies(datei) ?? (fluechtig ??= neu);
    return (fluechtig ??= neu);
  } finally {
    rmSync(teil, { force: true });
  }
}

/** The key in the file, checked; undefined when there is no file. */
function lies(datei: string): string | undefined {
  let text: string;
  let modus: number;
  try {
    modus = statSync(datei).mode;
    text = readFileSync(datei, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new WarehouseFehler(
      'eingabe_ungueltig',
      `Der Signierschlüssel ${datei} lässt sich nicht lesen (${(e as NodeJS.ErrnoException).code}).`,
    );
  }
  if (!FORM.test(text)) {
    throw new WarehouseFehler(
      'eingabe_ungueltig',
      `Der Signierschlüssel ${datei} ist beschädigt (erwartet: 64 Hexadezimalziffern). Die Datei löschen: beim nächsten Start entsteht ein neuer Schlüssel, alle Benutzer melden sich neu an.`,
    );
  }
  if ((modus & 0o077) !== 0) {
    throw new WarehouseFehler(
      'eingabe_ungueltig',
      `Der Signierschlüssel ${datei} ist für andere lesbar (Rechte ${(modus & 0o777).toString(8)}). Bitte mit chmod 600 nur für den Besitzer lesbar machen.`,
    );
  }
  return text;
}
