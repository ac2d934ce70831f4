// vitest globalSetup: the demo county loaded once per run, as a template each test file's server copies.
// A dozen files used to generate and load the same 95 export files each: minutes of work on a busy
// machine, which pushed their set-up past its timeout there (issue 13: the suite passes beside a bench).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEMO_BENUTZER, schreibeDemoExporte } from '../demo/index.ts';
import {
  fachcontrolling,
  ladeDatei,
  nachLadungen,
  oeffneWarehouse,
  schuetzeAlleJahreVorab,
} from '../warehouse/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The loaded demo warehouse file (seed 1, data until 31.10.2026); copy it, never open it for writing. */
    demoVorlage: string;
    /** The export files it was loaded from. */
    demoExporte: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const ordner = mkdtempSync(join(tmpdir(), 'srb-vorlage-'));
  const db = join(ordner, 'warehouse.duckdb');
  const wh = await oeffneWarehouse(db);
  try {
    const { dateien } = await schreibeDemoExporte({ dir: join(ordner, 'exporte'), seed: 1, bis: '2026-10-31' });
    project.provide('demoExporte', join(ordner, 'exporte'));
    await nachLadungen(wh, async () => {
      for (const d of dateien) {
        const e = await ladeDatei(wh, d, { benutzer: 'test', kennzahlen: 'spaeter' });
        if (e.status !== 'geladen') throw new Error(`Demo-Vorlage: ${e.meldung}`);
      }
    });
    // The small-number protection of every year, kept in the file as `srb serve` keeps it: each file's server
    // would otherwise work out the years again before its first Fachcontrolling answer (a year needs the
    // years before it), for the county and for the demo's Träger.
    await schuetzeAlleJahreVorab(wh);
    for (const b of DEMO_BENUTZER)
      if (b.traeger)
        await fachcontrolling(wh, { jahr: 2026, quartal: null, sozialraum: null }, 'true', false, b.traeger);
    await wh.nebenherFertig();
    await wh.ausfuehren('CHECKPOINT');
  } finally {
    wh.schliessen();
  }
  project.provide('demoVorlage', db);
  return () => rmSync(ordner, { recursive: true, force: true });
}
