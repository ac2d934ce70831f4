import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Zeile } from '../verbindung.ts';
import type { Tabellenschutz } from './gedaechtnis.ts';
import type { Schutzplan } from './index.ts';
import type { Schutzspeicher } from './speicher.ts';

// The protection of a county's year is seconds of arithmetic (a system of some 1.600 hidden and shown
// counts, year and quarters together). In the server's thread it stalled every request meanwhile, so it
// runs in a worker thread of its own, one table system at a time; equal requests while one runs share it.

interface Offen {
  fertig(v: { verdeckt: string[][]; neu: Array<[string, Tabellenschutz]> }): void;
  fehler(e: Error): void;
}

let werk: Worker | undefined;
let naechste = 0;
const offen = new Map<number, Offen>();
const laufend = new Map<string, Promise<string[][]>>();
// the warehouse files whose kept tables this worker has been told of (a new worker is told again)
const bekannt = new Set<string>();

function starte(): Worker {
  if (werk) return werk;
  const ziel = new URL('./schutzwerk.ts', import.meta.url);
  // From the sources (tests, tsx) the worker needs tsx to read TypeScript; the compiled product does not.
  const w = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(tsxApi())}).then((t) => { t.register(); return import(${JSON.stringify(ziel.href)}); })`,
        { eval: true },
      )
    : new Worker(ziel);
  const ende = (e: Error) => {
    if (werk === w) {
      werk = undefined;
      bekannt.clear();
    }
    for (const o of offen.values()) o.fehler(e);
    offen.clear();
  };
  w.on(
    'message',
    (m: { id: number; verdeckt?: string[][]; neu?: Array<[string, Tabellenschutz]>; fehler?: string }) => {
      const o = offen.get(m.id);
      offen.delete(m.id);
      if (offen.size === 0) w.unref();
      if (m.fehler !== undefined) o?.fehler(new Error(m.fehler));
      else o?.fertig({ verdeckt: m.verdeckt!, neu: m.neu ?? [] });
    },
  );
  w.on('error', ende);
  w.on('exit', (code) => ende(new Error(`Der Rechenweg des Kleinzahlschutzes endete unerwartet (${code}).`)));
  werk = w;
  return w;
}

/** tsx's programmatic loader (its ESM entry), for a worker started from the TypeScript sources. */
function tsxApi(): string {
  const paket = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(paket), 'dist', 'esm', 'api', 'index.mjs')).href;
}

async function frage(
  zeilen: readonly Zeile[],
  plan: Schutzplan,
  k: number,
  vorab: readonly (readonly string[])[] | undefined,
  speicher: Schutzspeicher | undefined,
): Promise<string[][]> {
  const w = starte();
  const erstmals = speicher !== undefined && !bekannt.has(speicher.datei);
  if (erstmals) bekannt.add(speicher.datei);
  const schon = erstmals ? await speicher.bekannt() : undefined;
  const { verdeckt, neu } = await new Promise<{ verdeckt: string[][]; neu: Array<[string, Tabellenschutz]> }>(
    (fertig, fehler) => {
      const id = naechste++;
      offen.set(id, { fertig, fehler });
      // Held only while it computes: an idle worker does not keep `srb` from ending.
      w.ref();
      w.postMessage({ id, zeilen, plan, k, vorab, bekannt: schon });
    },
  );
  await speicher?.behalte(neu);
  return verdeckt;
}

/**
 * verdeckteZellen(), worked out in the worker thread; equal requests while one runs share it. `speicher`: where
 * the tables worked out are kept beyond this process (the warehouse's, speicher.ts).
 */
export async function verdeckteNebenher(
  zeilen: readonly Zeile[],
  plan: Schutzplan,
  k: number,
  vorab?: readonly (readonly string[])[],
  speicher?: Schutzspeicher,
): Promise<string[][]> {
  const schluessel = JSON.stringify([plan, k, zeilen, vorab], (_, w: unknown) =>
    typeof w === 'bigint' ? String(w) : w,
  );
  let verdeckt = laufend.get(schluessel);
  if (!verdeckt) {
    verdeckt = frage(zeilen, plan, k, vorab, speicher).finally(() => laufend.delete(schluessel));
    laufend.set(schluessel, verdeckt);
  }
  return await verdeckt;
}
