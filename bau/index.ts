// bau: the tooling that turns the sources into what runs — the program compiled to dist/, the add-in
// bundled to dist/addin/, its manifest. Nothing at run time imports esbuild or TypeScript through here:
// they load when a build runs.
export { paketOrdner, WURZEL, ZIEL, ADDIN_ZIEL } from './orte.ts';
export { baueAddin, stelleAddinBereit, manifest, BEFEHLE } from './addin/index.ts';
export { baueProgramm } from './programm/index.ts';
export { stelleBereit, STAND } from './bereit.ts';
