import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The newest change under the given files and folders: files and folders alike, so that a deleted or
 * renamed file (which changes its folder's time) also counts. bin/srb.cjs does the same in plain JavaScript.
 */
export function neuesteAenderung(pfade: string[]): number {
  let neueste = 0;
  for (const pfad of pfade) {
    if (!existsSync(pfad)) continue;
    const s = statSync(pfad);
    neueste = Math.max(neueste, s.mtimeMs);
    if (s.isDirectory()) neueste = Math.max(neueste, neuesteAenderung(readdirSync(pfad).map((n) => join(pfad, n))));
  }
  return neueste;
}

/** Whether `gebaut` is missing or older than one of its sources. */
export function veraltet(gebaut: string, quellen: string[]): boolean {
  return !existsSync(gebaut) || statSync(gebaut).mtimeMs < neuesteAenderung(quellen);
}
