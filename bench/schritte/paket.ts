// The quarterly pack over the big warehouse, beside the bare vega rendering of the same specs with
// their data already in them (the .vl.json files the pack wrote): what our queries, PNGs and files add.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { schreibeQuartalspaket } from '../../berichte/index.ts';
import { letztesQuartal, oeffneWarehouse } from '../../warehouse/index.ts';
import { berichte, stoppuhr } from './messung.ts';

const [db] = process.argv.slice(2) as [string];
const ordner = mkdtempSync(join(tmpdir(), 'srb-bench-paket-'));
const wh = await oeffneWarehouse(db);
const q = await letztesQuartal(wh);
const [paket, erster] = await stoppuhr(() => schreibeQuartalspaket(wh, q, ordner));
const [, zweiter] = await stoppuhr(() => schreibeQuartalspaket(wh, q, ordner));
wh.schliessen();
const specs = readdirSync(ordner)
  .filter((n) => n.endsWith('.vl.json'))
  .map((n) => JSON.parse(readFileSync(join(ordner, n), 'utf8')) as TopLevelSpec);
const bareSvg = async () => {
  for (const s of specs) {
    const v = new View(parse(compile(s).spec), { renderer: 'none' });
    await v.toSVG();
    v.finalize();
  }
};
await bareSvg();
const [, bare] = await stoppuhr(bareSvg);
rmSync(ordner, { recursive: true, force: true });
berichte({
  quartal: `${q.jahr}-Q${q.quartal}`,
  grafiken: specs.length,
  dateien: paket.dateien.length,
  erster,
  zweiter,
  bare,
});
