import { oeffneWarehouse, ladeDatei } from './warehouse/index.ts';
const wh = await oeffneWarehouse('/tmp/s/wh2.duckdb');
const r = await ladeDatei(wh, 'test/korpus/abgelehnt/zu-wenig-felder.csv');
console.log(r.bericht);
