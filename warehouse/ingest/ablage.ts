import { constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Warehouse } from '../verbindung.ts';

/** A loaded file kept under its content hash, and whether this load put it there. */
export interface Ablage {
  /** Where it lies, as the load log keeps it: relative to the warehouse's folder (see `ablageIm`). */
  pfad: string | null;
  neu: boolean;
  /** The copy is written while the rows load (a second at 10 million rows); the load's log row waits for it. */
  fertig: Promise<void>;
  /** Takes the copy back when the load did not happen (a file kept that no load names would be a stray copy of social data). */
  verwerfen(): Promise<void>;
}

const NICHTS = { fertig: Promise.resolve(), verwerfen: async () => {} };

/**
 * Keeps the file of a load, as delivered, under ladungen/ beside the warehouse file, named by its
 * SHA-256 (the same content is kept once), so that a controller can open it at the line a figure's
 * Herkunft names. A copy-on-write clone where the file system has one, else a copy.
 */
export function bewahreAuf(wh: Warehouse, pfad: string, datei: string, hash: string, ordner?: string): Ablage {
  if (wh.pfad === ':memory:' && ordner === undefined) return { pfad: null, neu: false, ...NICHTS };
  const ziel = join(ordner ?? join(dirname(wh.pfad), 'ladungen'), `${hash}${extname(datei).toLowerCase()}`);
  const eintrag = wh.pfad === ':memory:' ? resolve(ziel) : relative(dirname(resolve(wh.pfad)), resolve(ziel));
  if (existsSync(ziel)) return { pfad: eintrag, neu: false, ...NICHTS };
  mkdirSync(dirname(ziel), { recursive: true });
  const fertig = copyFile(pfad, ziel, constants.COPYFILE_FICLONE);
  // Seen as handled until the load awaits it: a load that fails first must not leave an unhandled rejection.
  fertig.catch(() => {});
  return {
    pfad: eintrag,
    neu: true,
    fertig,
    verwerfen: async () => {
      await fertig.catch(() => {});
      rmSync(ziel, { force: true });
    },
  };
}

/**
 * Where a kept file lies now. The load log keeps the place relative to the warehouse's folder, so a
 * warehouse moved or restored elsewhere together with its ladungen/ still finds its files; entries
 * written before that (absolute paths) are taken as they are.
 */
export function ablageIm(wh: Warehouse, eintrag: string, hash: string): string | null {
  const ort = isAbsolute(eintrag) ? eintrag : resolve(dirname(resolve(wh.pfad)), eintrag);
  // A kept file is named by its content hash: an entry that names anything else (a warehouse file edited
  // by hand, a crafted backup restored) hands out nothing, wherever it points.
  return /^[0-9a-f]{64}(\.[a-z0-9]{1,8})?$/.test(basename(ort)) && basename(ort).startsWith(hash) ? ort : null;
}
