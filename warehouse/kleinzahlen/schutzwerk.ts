// The worker thread behind verdeckteNebenher(): rows in, per row the hidden columns out. Its module state
// keeps what it computed (gedaechtnis.ts), so the server's main thread holds none of it; what it worked out
// anew goes back with the answer, for the warehouse to keep, and what the warehouse kept comes in with the
// first request.
import { parentPort } from 'node:worker_threads';
import type { Zeile } from '../verbindung.ts';
import { frischBerechnet, merke, type Tabellenschutz } from './gedaechtnis.ts';
import { verdeckteZellen, type Schutzplan } from './index.ts';

interface Auftrag {
  id: number;
  zeilen: Zeile[];
  plan: Schutzplan;
  k: number;
  vorab?: string[][];
  bekannt?: Array<[string, Tabellenschutz]>;
}

parentPort!.on('message', (m: Auftrag) => {
  try {
    for (const [a, schutz] of m.bekannt ?? []) merke(a, schutz, false);
    const verdeckt = verdeckteZellen(m.zeilen, m.plan, m.k, m.vorab);
    parentPort!.postMessage({ id: m.id, verdeckt, neu: frischBerechnet() });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, fehler: (e as Error).message });
  }
});
