import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ADDIN_QUELLEN, baueAddin } from './addin/index.ts';
import { WURZEL, ZIEL } from './orte.ts';
import { baueProgramm, PROGRAMM_QUELLEN } from './programm/index.ts';
import { veraltet } from './stand.ts';

/**
 * The stamp of a complete build: its time is when dist/ was last made whole, its content the sources it
 * was made from, so that bin/srb.cjs can tell a stale build without knowing how it is built.
 */
export const STAND = join(ZIEL, 'stand.json');

/** Builds what is missing or older than its sources (`immer`: everything), then stamps dist/. */
export async function stelleBereit(o: { immer?: boolean; meldung?: (text: string) => void } = {}): Promise<void> {
  const melde = o.meldung ?? (() => {});
  if (o.immer || veraltet(join(ZIEL, 'cli', 'srb.js'), PROGRAMM_QUELLEN)) {
    melde('Übersetze das Programm nach dist/ …');
    await baueProgramm();
  }
  if (o.immer || veraltet(join(ZIEL, 'addin', 'taskpane.js'), ADDIN_QUELLEN)) {
    melde('Baue das Add-in nach dist/addin/ …');
    await baueAddin();
  }
  mkdirSync(ZIEL, { recursive: true });
  const alle = [...PROGRAMM_QUELLEN, ...ADDIN_QUELLEN].map((q) => relative(WURZEL, q));
  const quellen = alle.filter((q) => !alle.some((o) => q.startsWith(`${o}/`)));
  writeFileSync(STAND, `${JSON.stringify({ quellen }, null, 2)}\n`);
}
