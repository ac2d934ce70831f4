import { constants, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { Warehouse } from '../verbindung.ts';

/** A loaded file kept under its content hash, and whether this load put it there. */
export interface Ablage {
  pfad: string | null;
  neu: boolean;
  /** Takes the copy back when the load did not happen (a file kept that no load names would be a stray copy of social data). */
  verwerfen(): void;
}

/**
 * Keeps the file of a load, as delivered, under ladungen/ beside the warehouse file, named by its
 * SHA-256 (the same content is kept once), so that a controller can open it at the line a figure's
 * Herkunft names. A copy-on-write clone where the file system has one, else a copy.
 */
export function bewahreAuf(wh: Warehouse, pfad: string, datei: string, hash: string, ordner?: string): Ablage {
  if (wh.pfad === ':memory:' && ordner === undefined) return { pfad: null, neu: false, verwerfen() {} };
  const ziel = join(ordner ?? join(dirname(wh.pfad), 'ladungen'), `${hash}${extname(datei).toLowerCase()}`);
  if (existsSync(ziel)) return { pfad: ziel, neu: false, verwerfen() {} };
  mkdirSync(dirname(ziel), { recursive: true });
  copyFileSync(pfad, ziel, constants.COPYFILE_FICLONE);
  return { pfad: ziel, neu: true, verwerfen: () => rmSync(ziel, { force: true }) };
}
