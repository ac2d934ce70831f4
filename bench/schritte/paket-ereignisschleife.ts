// How long the server's event loop stalls, and how long health requests wait, while a quarter pack is
// built in it: as before issue 13 (on the reading connection, charts drawn in the server's thread)
// and as `srb serve --berichte` does now (a connection of its own, charts drawn in a child process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { starteServer } from '../../api/index.ts';
import { schreibeQuartalspaket } from '../../berichte/index.ts';
import { zeichnerImProzess, zeichnerProzess, type Zeichner } from '../../grafiken/index.ts';
import { letztesQuartal, type Warehouse } from '../../warehouse/index.ts';
import { berichte } from './messung.ts';

const [db] = process.argv.slice(2) as [string];
const ordner = mkdtempSync(join(tmpdir(), 'srb-bench-schleife-'));
const s = await starteServer({ db, host: '127.0.0.1', port: 0, log: pino({ level: 'silent' }) });
const q = await letztesQuartal(s.dienste.leser);
const messe = async (wh: Warehouse, zeichner: Zeichner) => {
  await schreibeQuartalspaket(wh, q, ordner, new Date(), zeichner); // warm: fonts, modules, the child
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  let fertig = false;
  const warten: number[] = [];
  const bau = schreibeQuartalspaket(wh, q, ordner, new Date(), zeichner).finally(() => {
    fertig = true;
  });
  while (!fertig) {
    const t = performance.now();
    await fetch(`${s.url}/api/v1/health`);
    warten.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  await bau;
  h.disable();
  return { schleifeMaxMs: Math.round(h.max / 1e6), healthMaxMs: Math.round(Math.max(...warten)) };
};
const vorher = await messe(s.dienste.leser, zeichnerImProzess);
const eigene = await s.dienste.leser.weitere();
const kind = zeichnerProzess();
const nachher = await messe(eigene, kind);
kind.beenden();
eigene.schliessen();
await s.beenden();
rmSync(ordner, { recursive: true, force: true });
berichte({
  vorherSchleifeMaxMs: vorher.schleifeMaxMs,
  vorherHealthMaxMs: vorher.healthMaxMs,
  nachherSchleifeMaxMs: nachher.schleifeMaxMs,
  nachherHealthMaxMs: nachher.healthMaxMs,
});
