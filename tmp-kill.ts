import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, rmSync, mkdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { oeffneWarehouse } from './warehouse/index.ts';
const o = '/tmp/m13/kill'; rmSync(o, { recursive: true, force: true }); mkdirSync(o);
const datei = `${o}/leistungen.csv`;
const inst = await DuckDBInstance.create(':memory:'); const v = await inst.connect();
await v.run(readFileSync('bench/leistungen-datei.sql', 'utf8').replaceAll('$zeilen', '3000000').replaceAll('$datei', datei)); v.closeSync(); inst.closeSync();
const db = `${o}/wh.duckdb`;
(await oeffneWarehouse(db)).schliessen();
const groesse = () => statSync(db).size + (existsSync(db + '.wal') ? statSync(db + '.wal').size : 0);
console.log('leer', groesse());
for (let runde = 0; runde < 3; runde++) {
  const p = spawn(process.execPath, ['--import', 'tsx', 'cli/srb.ts', 'ingest', '--db', db, datei], { stdio: 'ignore' });
  while (!existsSync(db + '.ladung-laeuft')) await new Promise(r => setTimeout(r, 20));
  await new Promise(r => setTimeout(r, 2500 + runde * 500));
  p.kill('SIGKILL'); await new Promise(r => p.once('exit', r));
  console.log('nach kill', runde, groesse(), 'wal', existsSync(db + '.wal') ? statSync(db + '.wal').size : 0);
  const wh = await oeffneWarehouse(db);
  console.log(await wh.abfrage("SELECT status, dateiname FROM ladung ORDER BY ladung_id"), 'leistung', await wh.wert('SELECT count(*) FROM leistung'));
  wh.schliessen();
  console.log('nach oeffnen', groesse());
}
