// Builds the add-in into dist/addin: the bundle (esbuild), its page, functions.json from the JSDoc,
// the icons; and writes its manifest. esbuild and TypeScript load only when a build runs: `srb manifest`
// and `srb serve` import this module for the manifest and the folder, not for a build.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADDIN_ZIEL, WURZEL } from '../orte.ts';
import { veraltet } from '../stand.ts';
import { icon, ICON_GROESSEN } from './icons.ts';

export { manifest, BEFEHLE } from './manifest.ts';

const ADDIN = join(WURZEL, 'addin');
const FORMELN = join(ADDIN, 'funktionen', 'formeln.ts');
/** What the built add-in is made from: its sources and this build. */
export const ADDIN_QUELLEN = [ADDIN, join(WURZEL, 'bau', 'addin')];

export async function baueAddin(ziel = ADDIN_ZIEL): Promise<void> {
  const [{ build }, { funktionsMetadaten }] = await Promise.all([import('esbuild'), import('./metadaten.ts')]);
  mkdirSync(ziel, { recursive: true });
  await build({
    entryPoints: [join(ADDIN, 'taskpane', 'index.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    outfile: join(ziel, 'taskpane.js'),
    logLevel: 'warning',
    legalComments: 'none',
  });
  for (const datei of ['taskpane.html', 'taskpane.css']) copyFileSync(join(ADDIN, 'seite', datei), join(ziel, datei));
  const { de, en } = funktionsMetadaten(readFileSync(FORMELN, 'utf8'), FORMELN);
  writeFileSync(join(ziel, 'functions.json'), `${JSON.stringify(de, null, 2)}\n`);
  writeFileSync(join(ziel, 'functions.en-US.json'), `${JSON.stringify(en, null, 2)}\n`);
  for (const n of ICON_GROESSEN) writeFileSync(join(ziel, `icon-${n}.png`), icon(n));
}

/** Builds when the bundle is missing or older than a source file of the add-in. */
export async function stelleAddinBereit(ziel = ADDIN_ZIEL): Promise<boolean> {
  if (!veraltet(join(ziel, 'taskpane.js'), ADDIN_QUELLEN)) return false;
  await baueAddin(ziel);
  return true;
}
