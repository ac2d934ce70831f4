// Backup and restore of the warehouse file (srb backup, srb restore, srb serve --backup).
//
// Chosen: CHECKPOINT, then a copy of the file, under the writer's lock and the audit's (wh.schreibeAllein). After the checkpoint the WAL
// is empty and the file holds every committed change; no write can start before the copy is done,
// so the copy is consistent, byte for byte what the warehouse was (users, audit, sequences, macros
// included), and a restore is putting the file back. EXPORT DATABASE and ATTACH + COPY FROM DATABASE
// would not block writers, but they rebuild the database: slower for a county's file, and sequences
// and macros come back rebuilt rather than as they were. Writers wait for the copy (a second or two).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DuckDBInstance } from './duckdb.ts';
import { WarehouseFehler } from './fehler.ts';
import { speicherFehler } from './speicherfehler.ts';
import { protokolliere } from './audit.ts';
import type { Warehouse } from './verbindung.ts';

/** Tables every warehouse has: a file without them is no backup of one. */
const KENNZEICHEN = ['ladung', 'audit', 'benutzer', 'sozialraum', 'budget', 'leistung', 'prognose_version'];

export const sicherungsName = (zeit = new Date()) => `warehouse-${zeit.toISOString().replace(/[:.]/g, '-')}.duckdb`;

export async function pruefsumme(pfad: string): Promise<string> {
  const h = createHash('sha256');
  for await (const stueck of createReadStream(pfad) as AsyncIterable<Buffer>) h.update(stueck);
  return h.digest('hex');
}

/** A backup holds the password and key hashes: only the owner (the server's account) reads it. */
export const NUR_EIGENTUEMER = 0o600;

/** The backup folder, created 0700 when we create it (a folder someone chose and made stays as it is). */
export function legeSicherungsordnerAn(ordner: string): void {
  if (!existsSync(ordner)) mkdirSync(ordner, { recursive: true, mode: 0o700 });
}

/**
 * Writes a consistent copy of the warehouse into `ordner` as NAME (with NAME.sha256 beside it), as the
 * one writer (no write lands half in the copy), and audits it for `wer`. Written as .part and renamed,
 * so a full disk leaves no half backup.
 */
export async function sichere(
  wh: Warehouse,
  ordner: string,
  wer: string,
  name = sicherungsName(),
): Promise<{ pfad: string; sha256: string }> {
  legeSicherungsordnerAn(ordner);
  const ziel = join(ordner, name);
  const teil = `${ziel}.part`;
  return await wh.schreibeAllein(async () => {
    try {
      await wh.ausfuehren('CHECKPOINT');
      // Created 0600 before the copy fills it (copying into an existing file keeps its mode): never readable by others.
      writeFileSync(teil, '', { mode: NUR_EIGENTUEMER });
      await kopiereAusserhalb(wh.pfad, teil);
      chmodSync(teil, NUR_EIGENTUEMER);
      const sha256 = await pruefsumme(teil);
      writeFileSync(`${ziel}.sha256`, `${sha256}  ${name}\n`, { mode: NUR_EIGENTUEMER });
      renameSync(teil, ziel);
      await protokolliere(wh, { benutzer: wer, aktion: 'sicherung', objekt: name, details: `sha256 ${sha256}` });
      return { pfad: ziel, sha256 };
    } catch (e) {
      rmSync(teil, { force: true });
      rmSync(`${ziel}.sha256`, { force: true });
      throw speicherFehler(e, ordner) ?? e;
    }
  });
}

/**
 * Copies the warehouse file in a process of its own. DuckDB's lock on the file is a POSIX record lock,
 * and POSIX drops every such lock of a process as soon as the process closes *any* descriptor of that
 * file: a copy made in this process would end the server's lock, and another process (srb restore)
 * could then replace the file under the running server.
 */
async function kopiereAusserhalb(von: string, nach: string): Promise<void> {
  await new Promise<void>((fertig, fehler) => {
    execFile(
      process.execPath,
      ['-e', 'require("node:fs").copyFileSync(process.argv[1], process.argv[2])', von, nach],
      (e, _aus, meldung) => {
        if (!e) return fertig();
        // The child's own error (ENOSPC, EACCES …) as the cause, so speicherFehler can name it.
        fehler(Object.assign(new Error(meldung.trim() || e.message), { code: /\b(E[A-Z]+)\b/.exec(meldung)?.[1] }));
      },
    );
  });
}

/** Keeps the newest `anzahl` backups in the folder (scheduled ones would fill the disk otherwise). */
export function raeumeSicherungenAuf(ordner: string, anzahl: number): void {
  const alle = readdirSync(ordner)
    .filter((n) => /^warehouse-.*\.duckdb$/.test(n))
    .sort();
  for (const n of alle.slice(0, Math.max(0, alle.length - anzahl))) {
    rmSync(join(ordner, n), { force: true });
    rmSync(join(ordner, `${n}.sha256`), { force: true });
  }
}

/** Refuses a damaged file or one that is no backup of a warehouse, with the German reason. */
export async function pruefeSicherung(datei: string): Promise<void> {
  const ungueltig = (grund: string) =>
    new WarehouseFehler(
      'sicherung_ungueltig',
      `${basename(datei)} lässt sich nicht wiederherstellen: ${grund}. Das Warehouse bleibt, wie es ist.`,
    );
  if (!existsSync(datei)) throw ungueltig('die Datei gibt es nicht');
  if (existsSync(`${datei}.sha256`)) {
    const soll = readFileSync(`${datei}.sha256`, 'utf8').split(/\s+/)[0];
    if (soll !== (await pruefsumme(datei)))
      throw ungueltig('die Prüfsumme stimmt nicht mit der .sha256-Datei daneben überein (beschädigt oder verändert)');
  }
  let instanz: DuckDBInstance | undefined;
  try {
    instanz = await DuckDBInstance.create(datei, { access_mode: 'READ_ONLY' });
    const v = await instanz.connect();
    const da = (await v.runAndReadAll(`SELECT table_name FROM duckdb_tables()`))
      .getRowObjectsJson()
      .map((z) => String(z.table_name));
    v.closeSync();
    const fehlt = KENNZEICHEN.filter((t) => !da.includes(t));
    if (fehlt.length > 0)
      throw ungueltig(`das ist keine Sicherung eines Warehouses (es fehlen die Tabellen ${fehlt.join(', ')})`);
  } catch (e) {
    if (e instanceof WarehouseFehler) throw e;
    throw ungueltig(
      `keine lesbare DuckDB-Datei (beschädigt oder etwas anderes): ${(e as Error).message.split('\n')[0]}`,
    );
  } finally {
    instanz?.closeSync();
  }
}

/**
 * Puts a checked backup in place of the warehouse file (which nobody may have open: the server is
 * stopped). The file it replaces is kept beside it as PFAD.vor-wiederherstellung-ZEIT.
 */
export async function stelleWiederHer(datei: string, pfad: string): Promise<{ vorher?: string }> {
  await pruefeSicherung(datei);
  const teil = `${pfad}.wiederherstellung.part`;
  try {
    await copyFile(datei, teil);
  } catch (e) {
    rmSync(teil, { force: true });
    throw speicherFehler(e, pfad) ?? e;
  }
  let vorher: string | undefined;
  if (existsSync(pfad)) {
    vorher = `${pfad}.vor-wiederherstellung-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(pfad, vorher);
    if (existsSync(`${pfad}.wal`)) renameSync(`${pfad}.wal`, `${vorher}.wal`);
  }
  renameSync(teil, pfad);
  return { vorher };
}
