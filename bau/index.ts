// bau: the tooling that turns the sources into what runs — the program compiled to dist/, the add-in
// bundled to dist/addin/, its manifest. At run time `srb` reads only the manifest and ADDIN_ZIEL from
// here; esbuild and TypeScript load when a build runs.
export { paketOrdner, WURZEL, ZIEL, ADDIN_ZIEL } from './orte.ts';
export { baueAddin, stelleAddinBereit, manifest, BEFEHLE } from './addin/index.ts';
export { baueProgramm } from './programm/index.ts';
export { stelleBereit, STAND } from './bereit.ts';
