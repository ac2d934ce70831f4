// npm run bau [-- --neu]: builds dist/ (program and add-in) where it is missing or older than its
// sources; --neu builds everything. `npm ci` runs it (prepare), bin/srb.cjs when the sources changed.
import { stelleBereit } from './index.ts';

const beginn = performance.now();
await stelleBereit({ immer: process.argv.includes('--neu'), meldung: (t) => console.error(t) });
console.error(`dist/ ist bereit (${Math.round(performance.now() - beginn)} ms).`);
