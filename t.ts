import { oeffneWarehouse, ladeDatei } from './warehouse/index.ts';
const wh = await oeffneWarehouse('/tmp/s/wh.duckdb');
for (const f of ['budget.csv','l.csv','l.csv','bad.csv','bad2.csv']) {
  const r = await ladeDatei(wh, '/tmp/s/'+f);
  console.log(r.meldung); if (r.bericht) console.log(r.bericht);
}
console.log(await wh.abfrage('select * from verbrauch'));
console.log(await wh.abfrage('select * from import_protokoll'));
wh.schliessen();
