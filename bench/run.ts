// npm run bench [-- --zeilen N] [-- --runden N] [-- --skala N] [-- --last-sekunden N] [-- --denkzeit MS] [-- --teil warehouse|api|grafiken|formeln|last|start|alle]: the benchmarks,
// each beside a bare baseline measured in the same run (shared machines are noisy, so ratios, not absolute times, are what we
// compare). At the end one table of every figure, also written to bench/results.json with the machine's cores and memory
// (one part alone replaces its own rows there and keeps the others').
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { apiBenchmark } from './api.ts';
import { formelBenchmark } from './formeln.ts';
import { lastTest } from './last.ts';
import { startBenchmark } from './start.ts';

const { values } = parseArgs({
  options: {
    zeilen: { type: 'string', default: '10000000' },
    runden: { type: 'string', default: '3' },
    teil: { type: 'string', default: 'alle' },
    skala: { type: 'string', default: '50' },
    'last-sekunden': { type: 'string', default: '60' },
    denkzeit: { type: 'string', default: '250' },
  },
});
const teil = String(values.teil);
const zeilen = Number(values.zeilen);
const runden = Number(values.runden);
const skala = Number(values.skala);
const lastSekunden = Number(values['last-sekunden']);
const denkzeit = Number(values.denkzeit);
const komma = (x: number, n = 2) => x.toFixed(n).replace('.', ',');
const s = (x: number) => `${komma(x)} s`;

/** Every figure of the run, for the closing table and bench/results.json. */
const tabelle: Array<{ bereich: string; messung: string; wert: string; ziel: string }> = [];
const roh: Record<string, unknown> = {};
const merke = (bereich: string, messung: string, wert: string, ziel = '') =>
  tabelle.push({ bereich, messung, wert, ziel });
const ordner = join(tmpdir(), 'srb-bench');
mkdirSync(ordner, { recursive: true });
const datei = join(ordner, `leistungen-${zeilen}.csv`);
const budget = join(ordner, 'budget.csv');

function schritt(name: string, ...args: string[]): Record<string, number> {
  const aus = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'schritte', `${name}.ts`), ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(aus.trim().split('\n').at(-1)!);
}
const frisch = (name: string) => {
  const db = join(ordner, `${name}.duckdb`);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  return db;
};

// The API is measured on the demo county at scale 50 (11,5 million bookings, with contracts and
// rosters, so that every endpoint answers what a real county's would); --skala for a quicker run.
function demoWarehouse(): string {
  const db = join(ordner, `demo${skala}`, 'warehouse.duckdb');
  if (!existsSync(db)) {
    console.log(`Erzeuge das Demo-Warehouse mit --scale ${skala} …`);
    execFileSync(
      process.execPath,
      [
        join(import.meta.dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        join(import.meta.dirname, '..', 'cli', 'srb.ts'),
        'demo',
        '--scale',
        String(skala),
        '--db',
        db,
      ],
      { stdio: 'inherit' },
    );
  }
  return db;
}

function grafikpaket(): void {
  const p = schritt('paket', demoWarehouse());
  console.log(
    `\nGrafikpaket ${p.quartal} (4 Sozialräume und Landkreis, ${p.grafiken} Grafiken, ${p.dateien} Dateien), Demo-Warehouse --scale ${skala}`,
  );
  console.log(`  srb report, erster Lauf:         ${s(Number(p.erster))}   (Ziel < 5 s)   Spitze ${p.maxRssMB} MB`);
  console.log(`  srb report, zweiter Lauf:        ${s(Number(p.zweiter))}`);
  console.log(`  bares vega, nur SVG, Daten fertig: ${s(Number(p.bare))}   (dieselben ${p.grafiken} Spezifikationen)`);
  const e = schritt('paket-ereignisschleife', demoWarehouse());
  console.log(
    `  Ereignisschleife des Servers während eines Pakets: vorher blockiert bis ${e.vorherSchleifeMaxMs} ms (health ${e.vorherHealthMaxMs} ms), jetzt ${e.nachherSchleifeMaxMs} ms (health ${e.nachherHealthMaxMs} ms)`,
  );
  merke('Grafikpaket', `srb report, ${p.grafiken} Grafiken (--scale ${skala})`, s(Number(p.erster)), '< 5 s');
  merke('Grafikpaket', 'bares vega, nur SVG', s(Number(p.bare)));
  merke(
    'Grafikpaket',
    'Server: Ereignisschleife blockiert, Paket im Server-Thread (vorher)',
    `${e.vorherSchleifeMaxMs} ms`,
  );
  merke(
    'Grafikpaket',
    'Server: Ereignisschleife blockiert, Zeichnen im Kindprozess (jetzt)',
    `${e.nachherSchleifeMaxMs} ms`,
    '< 200 ms',
  );
  roh.grafikpaket = { ...p, ereignisschleife: e };
}

async function api(): Promise<void> {
  const a = await apiBenchmark(demoWarehouse());
  for (const e of a.endpunkte)
    merke(
      'API (50 Verbindungen)',
      `${e.endpunkt}: Verhältnis zu barem Hono, p99`,
      `${komma(e.verhaeltnis)} ×, ${e.p99} ms`,
      '≥ 0,5 ×, < 50 ms',
    );
  merke('API (50 Verbindungen)', 'Prognosen, 50 Clients 30 s', a.prognosen, '0 Fehler, lückenlos');
  roh.api = a;
}

async function formeln(): Promise<void> {
  const f = await formelBenchmark(demoWarehouse());
  console.log(
    `\n${f.zellen.toLocaleString('de-DE')} SRB.*-Zellen einer Neuberechnung (${f.verschieden} verschiedene Aufrufe), Median aus 5 Runden im Wechsel`,
  );
  for (const [wann, w] of [
    ['erste Neuberechnung nach einer Änderung', f.kalt],
    ['nochmals, Zahlen unverändert', f.warm],
  ] as const) {
    console.log(`  ${wann}:`);
    console.log(
      `    Zellen warten (in Excel #BUSY!):  ${w.zellenMs} ms in ${f.anfragen} ${f.anfragen === 1 ? 'Anfrage' : 'Anfragen'}`,
    );
    console.log(`    API allein, dieselben Aufrufe:    ${w.apiMs} ms`);
  }
  merke(
    'Formeln',
    `${f.zellen.toLocaleString('de-DE')} SRB.*-Zellen: Anfragen je Neuberechnung`,
    String(f.anfragen),
    '1',
  );
  merke(
    'Formeln',
    'Zellen warten (#BUSY!) / API allein, erste Neuberechnung nach einer Änderung',
    `${f.kalt.zellenMs} / ${f.kalt.apiMs} ms`,
    'Warten ≈ API',
  );
  merke('Formeln', 'dasselbe nochmals, Zahlen unverändert', `${f.warm.zellenMs} / ${f.warm.apiMs} ms`, 'Warten ≈ API');
  roh.formeln = f;
}

async function last(): Promise<void> {
  console.log(
    `\nLasttest: 50 Clients ${lastSekunden} s (Kennzahlen, Formeln, Prognosen, SQL mit vier langsamen Abfragen, ein großer Import), Demo-Warehouse --scale ${skala} …`,
  );
  const l = await lastTest(demoWarehouse(), ordner, lastSekunden, 600_000, denkzeit);
  console.log(JSON.stringify(l.status));
  console.log(`Kennzahlen während langsamer Abfragen je Endpunkt: ${JSON.stringify(l.lesenJeKennzahl)}`);
  merke(
    'Lasttest',
    `Kennzahlen während langsamer Abfragen (${l.lesenWaehrendLangsam.anzahl}; 32 Leser, ${l.denkzeitMs} ms Denkpause), p50 / p99`,
    `${l.lesenWaehrendLangsam.p50} / ${l.lesenWaehrendLangsam.p99} ms`,
    'p99 < 100 ms',
  );
  merke(
    'Lasttest',
    `dieselben Kennzahlen vorher ohne andere Last (${l.lesenOhneLast.anzahl}), p50 / p99`,
    `${l.lesenOhneLast.p50} / ${l.lesenOhneLast.p99} ms`,
  );
  merke('Lasttest', `Anfragen gesamt / davon 5xx`, `${l.anfragen} / ${l.fuenfhundert}`, '0 × 5xx');
  merke('Lasttest', 'Ad-hoc-Spur voll: 503 „bitte warten“', String(l.bitteWarten));
  merke('Lasttest', 'langsame SQL-Abfragen beantwortet (Status siehe results.json)', String(l.langsameAbfragen));
  merke(
    'Lasttest',
    'Prognosen: gespeichert = neue Versionen, Kette',
    `${l.prognosen.gespeichert} = ${l.prognosen.neueVersionen}, ${l.prognosen.kette ? 'lückenlos' : 'GEBROCHEN'}`,
    'gleich, lückenlos',
  );
  merke(
    'Lasttest',
    `großer Import (${l.import.zeilen.toLocaleString('de-DE')} Zeilen) nebenher`,
    `${l.import.status}, ${s(l.import.sekunden)}`,
  );
  merke('Lasttest', 'Spitze Speicher des Servers', `${l.serverSpitzeMB} MB`);
  roh.last = l;
}

async function start(): Promise<void> {
  const e = await startBenchmark(ordner);
  const m = e.median;
  const basis = m['node -e 0']!;
  console.log(`\nStart als installiert (bin/srb.cjs, dist/), Median aus ${e.runden} Runden im Wechsel`);
  for (const [name, sek] of Object.entries(m))
    console.log(`  ${name.padEnd(28)} ${s(sek)}   (${komma(sek / basis, 1)} × node -e 0)`);
  const ziele: Record<string, string> = {
    'srb --help': '< 0,5 s',
    'srb sql "SELECT 1"': '< 1 s',
    'Server bereit': '< 2 s',
  };
  const text: Record<string, string> = {
    'node -e 0': 'node -e 0 (Vergleich)',
    'srb --help': 'srb --help',
    'srb sql "SELECT 1"': 'srb sql "SELECT 1" (Demo-Warehouse)',
    'Server bereit': 'srb serve bis /api/v1/health antwortet (bestehendes Warehouse)',
    'npm run -s srb -- --help': 'npm run -s srb -- --help (npm startet selbst)',
    'tsx: srb --help': 'srb --help über tsx aus den Quellen (ohne dist/)',
    'tsx: srb sql "SELECT 1"': 'srb sql "SELECT 1" über tsx aus den Quellen (ohne dist/)',
  };
  for (const [name, sek] of Object.entries(m))
    merke('Start', text[name] ?? name, `${s(sek)} (${komma(sek / basis, 1)} ×)`, ziele[name] ?? '');
  roh.start = e;
}

function schluss(): void {
  const breite = [12, 72, 22];
  console.log(
    `\nAlle Messungen (${cpus().length} Kerne, ${Math.round(totalmem() / 1024 ** 3)} GB, Last beim Ende ${komma(loadavg()[0]!, 1)})`,
  );
  console.log(`${'Bereich'.padEnd(breite[0]!)}  ${'Messung'.padEnd(breite[1]!)}  ${'Wert'.padEnd(breite[2]!)}  Ziel`);
  for (const z of tabelle)
    console.log(
      `${z.bereich.slice(0, breite[0]).padEnd(breite[0]!)}  ${z.messung.padEnd(breite[1]!)}  ${z.wert.padEnd(breite[2]!)}  ${z.ziel}`,
    );
  const datei = join(import.meta.dirname, 'results.json');
  // One part alone: the other parts' rows of the last run stay, so the file is still one table of everything.
  const bisher =
    teil !== 'alle' && existsSync(datei)
      ? (JSON.parse(readFileSync(datei, 'utf8')) as { tabelle?: typeof tabelle; roh?: typeof roh })
      : {};
  const bereiche = new Set(tabelle.map((z) => z.bereich));
  writeFileSync(
    datei,
    JSON.stringify(
      {
        zeitpunkt: new Date().toISOString(),
        kerne: cpus().length,
        speicherGB: Math.round(totalmem() / 1024 ** 3),
        lastDurchschnitt: loadavg(),
        parameter: { teil, zeilen, runden, skala, lastSekunden, denkzeit },
        tabelle: [...(bisher.tabelle ?? []).filter((z) => !bereiche.has(z.bereich)), ...tabelle],
        roh: { ...bisher.roh, ...roh },
      },
      null,
      2,
    ) + '\n',
  );
}

if (teil === 'api' || teil === 'grafiken' || teil === 'last' || teil === 'formeln' || teil === 'start') {
  if (teil === 'start') await start();
  if (teil === 'api') await api();
  if (teil === 'formeln') await formeln();
  if (teil === 'grafiken') grafikpaket();
  if (teil === 'last') await last();
  schluss();
  process.exit(0);
}

// The ingest file only for the warehouse part (the other parts returned above): generating it takes minutes.
if (!existsSync(datei)) {
  console.log(`Erzeuge ${zeilen.toLocaleString('de-DE')} Zeilen leistungen …`);
  const instanz = await DuckDBInstance.create(':memory:');
  const v = await instanz.connect();
  const sql = readFileSync(new URL('./leistungen-datei.sql', import.meta.url), 'utf8')
    .replaceAll('$zeilen', String(zeilen))
    .replaceAll('$datei', datei);
  await v.run(sql);
  v.closeSync();
  instanz.closeSync();
}
const jahre = Array.from({ length: 13 }, (_, i) => 2014 + i);
writeFileSync(
  budget,
  'jahr;sozialraum;gesamtfinanzvolumen;stellenfaktor;bruttojahresarbeitszeit\n' +
    jahre
      .flatMap((j) =>
        ['konz', 'schweich', 'hermeskeil', 'saarburg'].map((s) => `${j};${s};2.500.000,00;75.000,00;1.600`),
      )
      .join('\n') +
    '\n',
);

const groesse = statSync(datei).size / 1024 / 1024;
console.log(`Datei: ${datei} (${groesse.toFixed(0)} MB, ${zeilen.toLocaleString('de-DE')} Zeilen)\n`);
// Bare read_csv and srb ingest in turns, a ratio per round: a burst of other work on the machine then
// slows one pair, not every baseline against every ingest; the median ratio is the figure.
const paare = Array.from({ length: runden }, () => ({
  basis: schritt('bare-read-csv', datei, frisch('basis')),
  unser: schritt('ingest', datei, frisch('warehouse'), budget),
}));
const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)]!;
const verhaeltnisse = paare.map((p) => p.unser.sekunden! / p.basis.sekunden!);
const verhaeltnis = median(verhaeltnisse);
const { basis, unser } = paare[verhaeltnisse.indexOf(verhaeltnis)]!;
const abw = schritt('abweichung', join(ordner, 'warehouse.duckdb'));
// The same ratio of CPU time (both processes' threads): what the ingest costs beyond the bare read when
// neighbours' work stretches the wall times of single rounds.
const cpuVerhaeltnisse = paare.map((p) => p.unser.cpuSekunden! / p.basis.cpuSekunden!);
const cpuVerhaeltnis = median(cpuVerhaeltnisse);

console.log(`Ingest von leistungen (${runden} Runden im Wechsel, Median der Verhältnisse)`);
console.log(`  DuckDB read_csv (bar):   ${s(basis.sekunden!)}   Spitze ${basis.maxRssMB} MB`);
console.log(`  srb ingest:              ${s(unser.sekunden!)}   Spitze ${unser.maxRssMB} MB`);
console.log(
  `  Verhältnis:              ${komma(verhaeltnis)} (Runden ${verhaeltnisse.map((v) => komma(v)).join(' / ')}; Ziel ≤ 1,3)   Speicher-Ziel < 2048 MB`,
);
console.log(
  `  CPU-Zeit, Verhältnis:    ${komma(cpuVerhaeltnis)} (Runden ${cpuVerhaeltnisse.map((v) => komma(v)).join(' / ')}; bar ${paare.map((p) => komma(p.basis.cpuSekunden!, 1)).join(' / ')} s, srb ingest ${paare.map((p) => komma(p.unser.cpuSekunden!, 1)).join(' / ')} s)`,
);
console.log('Sicht abweichung, ein Quartal (Median aus 5)');
console.log(`  abweichung 3/2025:       ${s(abw.sekunden!)}   (Ziel < 1 s)`);
console.log(`  bare Aggregation:        ${s(abw.bareAggregation!)}`);
merke(
  'Ingest',
  `srb ingest ${zeilen.toLocaleString('de-DE')} Zeilen (mit Herkunft) / DuckDB read_csv bar, Median aus ${runden}`,
  `${komma(verhaeltnis)} × (${s(unser.sekunden!)}; Runden ${verhaeltnisse.map((v) => komma(v)).join(' / ')})`,
  '≤ 1,3 ×',
);
merke(
  'Ingest',
  `dasselbe als CPU-Zeit (beide Prozesse, alle Threads), Median aus ${runden}`,
  `${komma(cpuVerhaeltnis)} × (Runden ${cpuVerhaeltnisse.map((v) => komma(v)).join(' / ')})`,
);
merke('Ingest', 'Spitze Speicher srb ingest', `${Math.max(...paare.map((p) => p.unser.maxRssMB!))} MB`, '< 2048 MB');
merke('Abfragen', 'Sicht abweichung, ein Quartal (Median aus 5)', s(abw.sekunden!), '< 1 s');
merke('Abfragen', 'bare Aggregation', s(abw.bareAggregation!));
roh.warehouse = { paare, abw };

if (teil !== 'warehouse') {
  await start();
  grafikpaket();
  await api();
  await formeln();
  await last();
}
schluss();
