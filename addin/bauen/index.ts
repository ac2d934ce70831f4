// Builds the add-in into addin/dist: the bundle (esbuild), its page, functions.json from the JSDoc,
// the icons. `npm start` and the tests build it when it is missing.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { icon, ICON_GROESSEN } from './icons.ts';
import { funktionsMetadaten } from './metadaten.ts';

export { manifest, BEFEHLE } from './manifest.ts';
export { funktionsMetadaten } from './metadaten.ts';

const ADDIN = dirname(dirname(fileURLToPath(import.meta.url)));
export const DIST = join(ADDIN, 'dist');
const FORMELN = join(ADDIN, 'funktionen', 'formeln.ts');

export async function baueAddin(ziel = DIST): Promise<void> {
  mkdirSync(ziel, { recursive: true });
  await build({
    entryPoints: [join(ADDIN, 'taskpane', 'index.ts')],
    bundle: true, format: 'iife', target: 'es2020', minify: true, sourcemap: true,
    outfile: join(ziel, 'taskpane.js'), logLevel: 'warning', legalComments: 'none',
  });
  for (const datei of ['taskpane.html', 'taskpane.css']) copyFileSync(join(ADDIN, 'seite', datei), join(ziel, datei));
  const { de, en } = funktionsMetadaten(readFileSync(FORMELN, 'utf8'), FORMELN);
  writeFileSync(join(ziel, 'functions.json'), `${JSON.stringify(de, null, 2)}\n`);
  writeFileSync(join(ziel, 'functions.en-US.json'), `${JSON.stringify(en, null, 2)}\n`);
  for (const n of ICON_GROESSEN) writeFileSync(join(ziel, `icon-${n}.png`), icon(n));
}

function neuesteQuelle(ordner: string): number {
  let neueste = 0;
  for (const e of readdirSync(ordner, { withFileTypes: true })) {
    if (e.name === 'dist') continue;
    const pfad = join(ordner, e.name);
    neueste = Math.max(neueste, e.isDirectory() ? neuesteQuelle(pfad) : statSync(pfad).mtimeMs);
  }
  return neueste;
}

/** Builds when addin/dist is missing or older than a source file of the add-in. */
export async function stelleAddinBereit(): Promise<void> {
  const fertig = join(DIST, 'taskpane.js');
  if (existsSync(fertig) && statSync(fertig).mtimeMs >= neuesteQuelle(ADDIN)) return;
  await baueAddin();
}
