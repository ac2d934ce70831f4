// Compiles the program (what `srb` and the server run) from TypeScript to JavaScript in dist/, one .js
// file per .ts file in the same tree, with every other file of those folders (.sql, .csv, templates …)
// copied beside its module: the code finds them from `import.meta.url` in both trees alike.
//
// Why esbuild file by file, not tsc and not one bundle: tsx, which runs the tests and development,
// is esbuild file by file, so the product runs the same transform the tests ran; it takes about a second
// where tsc needs many (types are checked by `tsc --noEmit` in CI, not at every build); and a bundle
// would move modules away from the files they read beside them.
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Plugin } from 'esbuild';
import { WURZEL, ZIEL } from '../orte.ts';

/** The top-level modules the program is made of (the add-in runs in the browser: bau/addin bundles it). */
export const MODULE = ['cli', 'api', 'warehouse', 'format', 'berichte', 'grafiken', 'demo', 'bau'] as const;
export const PROGRAMM_QUELLEN = MODULE.map((m) => join(WURZEL, m));

function dateien(ordner: string): string[] {
  return readdirSync(ordner, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dateien(join(ordner, e.name)) : [join(ordner, e.name)],
  );
}

const RELATIV_TS = /^\.\.?\/.*\.ts$/;

/**
 * Every import stays an import (nothing is bundled): packages as they are, our modules with .js for .ts,
 * as TypeScript's rewriteRelativeImportExtensions would. A child process started from a module's own
 * file (`new URL('./x.ts', import.meta.url)`, grafiken/zeichner.ts) is pointed at the compiled file too.
 */
const jeDatei: Plugin = {
  name: 'je-datei',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (a) =>
      a.kind === 'entry-point'
        ? undefined
        : { path: RELATIV_TS.test(a.path) ? a.path.replace(/\.ts$/, '.js') : a.path, external: true },
    );
    b.onLoad({ filter: /\.ts$/ }, async (a) => {
      const text = await readFile(a.path, 'utf8');
      return {
        loader: 'ts',
        contents: text.replace(
          /new URL\((['"`])(\.\.?\/[^'"`]*)\.ts\1, import\.meta\.url\)/g,
          'new URL($1$2.js$1, import.meta.url)',
        ),
      };
    });
  },
};

/**
 * Builds into a fresh folder inside dist/ and then puts each module in place with a rename: a file
 * deleted from the sources does not linger in dist/, and a module is replaced whole, not file by file
 * under a running `srb`.
 */
export async function baueProgramm(ziel = ZIEL): Promise<void> {
  const { build } = await import('esbuild');
  const neu = join(ziel, `.neu-${process.pid}`);
  rmSync(neu, { recursive: true, force: true });
  mkdirSync(neu, { recursive: true });
  try {
    const alle = PROGRAMM_QUELLEN.flatMap(dateien);
    const ts = alle.filter((d) => d.endsWith('.ts') && !d.endsWith('.d.ts'));
    await build({
      entryPoints: ts,
      outdir: neu,
      outbase: WURZEL,
      bundle: true,
      plugins: [jeDatei],
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      charset: 'utf8',
      logLevel: 'warning',
    });
    for (const d of alle.filter((d) => !d.endsWith('.ts')))
      cpSync(d, join(neu, relative(WURZEL, d)), { preserveTimestamps: true });
    for (const m of MODULE) {
      const alt = join(ziel, `.alt-${process.pid}-${m}`);
      rmSync(alt, { recursive: true, force: true });
      try {
        renameSync(join(ziel, m), alt);
      } catch {
        /* first build: nothing to move aside */
      }
      renameSync(join(neu, m), join(ziel, m));
      rmSync(alt, { recursive: true, force: true });
    }
  } finally {
    rmSync(neu, { recursive: true, force: true });
  }
}
