// The abweichung view for one quarter over the loaded data: median of five runs after one warm-up.
import { abweichungImQuartal, oeffneWarehouse } from '../../warehouse/index.ts';
import { berichte, stoppuhr } from './messung.ts';

const [db] = process.argv.slice(2) as [string];
const wh = await oeffneWarehouse(db);
const abfrage = () => abweichungImQuartal(wh, { jahr: 2025, quartal: 3 });
await abfrage();
const zeiten: number[] = [];
for (let i = 0; i < 5; i++) zeiten.push((await stoppuhr(abfrage))[1]);
zeiten.sort((a, b) => a - b);
// The bare baseline is raw SQL on purpose: the aggregation DuckDB does without any of our rules.
const bare = (
  await stoppuhr(() =>
    wh.abfrage(
      `SELECT sozialraum, sum(stunden) FROM leistung WHERE datum BETWEEN '2025-01-01' AND '2025-09-30' GROUP BY ALL`,
    ),
  )
)[1];
wh.schliessen();
berichte({ sekunden: zeiten[2]!, zeilen: await Promise.resolve(0), bareAggregation: bare });
