// npm run bench [-- --zeilen N] [-- --teil warehouse|api|grafiken|alle]: the warehouse benchmarks, each beside a bare baseline measured in
// the same run (shared machines are noisy, so ratios, not absolute times, are what we compare).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { apiBenchmark } from './api.ts';

const { values } = parseArgs({ options: { zeilen: { type: 'string', default: '10000000' }, teil: { type: 'string', default: 'alle' } } });
const teil = String(values.teil);
const zeilen = Number(values.zeilen);
const ordner = join(tmpdir(), 'srb-bench');
mkdirSync(ordner, { recursive: true });
const datei = join(ordner, `leistungen-${zeilen}.csv`);
const budget = join(ordner, 'budget.csv');

if (!existsSync(datei)) {
  console.log(`Erzeuge ${zeilen.toLocaleString('de-DE')} Zeilen leistungen …`);
  const instanz = await DuckDBInstance.create(':memory:');
  const v = await instanz.connect();
  const sql = readFileSync(new URL('./leistungen-datei.sql', import.meta.url), 'utf8')
    .replaceAll('$zeilen', String(zeilen)).replaceAll('$datei', datei);
  await v.run(sql);
  v.closeSync();
  instanz.closeSync();
}
const jahre = Array.from({ length: 13 }, (_, i) => 2014 + i);
writeFileSync(budget, 'jahr;sozialraum;gesamtfinanzvolumen;stellenfaktor;bruttojahresarbeitszeit\n' +
  jahre.flatMap((j) => ['konz', 'schweich', 'hermeskeil', 'saarburg'].map((s) => `${j};${s};2.500.000,00;75.000,00;1.600`)).join('\n') + '\n');

function schritt(name: string, ...args: string[]): Record<string, number> {
  const aus = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'schritte', `${name}.ts`), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(aus.trim().split('\n').at(-1)!);
}
const frisch = (name: string) => {
  const db = join(ordner, `${name}.duckdb`);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  return db;
};

// The API is measured on the demo county at scale 50 (11,5 million bookings, with contracts and
// rosters, so that every endpoint answers what a real county's would).
function demoWarehouse(): string {
  const db = join(ordner, 'demo50', 'warehouse.duckdb');
  if (!existsSync(db)) {
    console.log('Erzeuge das Demo-Warehouse mit --scale 50 …');
    execFileSync(process.execPath, [join(import.meta.dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(import.meta.dirname, '..', 'cli', 'srb.ts'), 'demo', '--scale', '50', '--db', db], { stdio: 'inherit' });
  }
  return db;
}

function grafikpaket(): void {
  const p = schritt('paket', demoWarehouse());
  const s = (x: number) => `${x.toFixed(2).replace('.', ',')} s`;
  console.log(`\nGrafikpaket ${p.quartal} (4 Sozialräume und Landkreis, ${p.grafiken} Grafiken, ${p.dateien} Dateien), Demo-Warehouse --scale 50`);
  console.log(`  srb report, erster Lauf:         ${s(Number(p.erster))}   (Ziel < 5 s)   Spitze ${p.maxRssMB} MB`);
  console.log(`  srb report, zweiter Lauf:        ${s(Number(p.zweiter))}`);
  console.log(`  bares vega, nur SVG, Daten fertig: ${s(Number(p.bare))}   (dieselben ${p.grafiken} Spezifikationen)`);
}

if (teil === 'api') {
  await apiBenchmark(demoWarehouse());
  process.exit(0);
}
if (teil === 'grafiken') {
  grafikpaket();
  process.exit(0);
}

const groesse = statSync(datei).size / 1024 / 1024;
console.log(`Datei: ${datei} (${groesse.toFixed(0)} MB, ${zeilen.toLocaleString('de-DE')} Zeilen)\n`);
const basis = schritt('bare-read-csv', datei, frisch('basis'));
const unser = schritt('ingest', datei, frisch('warehouse'), budget);
const abw = schritt('abweichung', join(ordner, 'warehouse.duckdb'));

const s = (x: number) => `${x.toFixed(2).replace('.', ',')} s`;
console.log('Ingest von leistungen');
console.log(`  DuckDB read_csv (bar):   ${s(basis.sekunden!)}   Spitze ${basis.maxRssMB} MB`);
console.log(`  srb ingest:              ${s(unser.sekunden!)}   Spitze ${unser.maxRssMB} MB`);
console.log(`  Verhältnis:              ${(unser.sekunden! / basis.sekunden!).toFixed(2).replace('.', ',')} (Ziel ≤ 1,5)   Speicher-Ziel < 2048 MB`);
console.log('Sicht abweichung, ein Quartal (Median aus 5)');
console.log(`  abweichung 3/2025:       ${s(abw.sekunden!)}   (Ziel < 1 s)`);
console.log(`  bare Aggregation:        ${s(abw.bareAggregation!)}`);

if (teil !== 'warehouse') {
  grafikpaket();
  await apiBenchmark(demoWarehouse());
}
