import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's folder (where package.json lies), found upwards from a module: the same answer from
 * the sources (bau/orte.ts) and from their compiled copy (dist/bau/orte.js), which sit at different depths.
 */
export function paketOrdner(modulUrl: string): string {
  let ordner = dirname(fileURLToPath(modulUrl));
  while (!existsSync(join(ordner, 'package.json'))) {
    const oben = dirname(ordner);
    if (oben === ordner) throw new Error(`Kein package.json über ${fileURLToPath(modulUrl)}`);
    ordner = oben;
  }
  return ordner;
}

export const WURZEL = paketOrdner(import.meta.url);
/** Everything built lies here, ignored by git: the compiled program and, in addin/, the add-in's pages. */
export const ZIEL = join(WURZEL, 'dist');
/** The add-in as the server serves it under /addin/: bundle, page, functions.json, icons. */
export const ADDIN_ZIEL = join(ZIEL, 'addin');
