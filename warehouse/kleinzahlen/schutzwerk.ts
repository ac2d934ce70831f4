// The worker thread behind verdeckteNebenher(): rows in, per row the hidden columns out. Its module state
// keeps what it computed (verdeckungDerTabelle), so the server's main thread holds none of it.
import { parentPort } from 'node:worker_threads';
import type { Zeile } from '../verbindung.ts';
import { verdeckteZellen, type Schutzplan } from './index.ts';

parentPort!.on('message', (m: { id: number; zeilen: Zeile[]; plan: Schutzplan; k: number; vorab?: string[][] }) => {
  try {
    parentPort!.postMessage({ id: m.id, verdeckt: verdeckteZellen(m.zeilen, m.plan, m.k, m.vorab) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, fehler: (e as Error).message });
  }
});
