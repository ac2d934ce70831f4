// What provenance (issue 15) costs: bare read_csv, srb ingest of the code before it and of now, interleaved, N rows;
// warehouse file size and peak memory; then every stored line checked against the generated file.
// node bench/herkunft-kosten.mjs [ZEILEN=10000000] [RUNDEN=3] [VORHER=tmp/vorher]   (VORHER: a checkout of the
// code before, with its own node_modules, e.g. `git archive <commit> | tar -x -C tmp/vorher && (cd tmp/vorher && npm ci)`).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
const zeilen = Number(process.argv[2] ?? 10000000);
const runden = Number(process.argv[3] ?? 3);
const ordner = '/tmp/srb-herkunft-bench';
mkdirSync(ordner, { recursive: true });
const datei = join(ordner, `leistungen-${zeilen}.csv`);
const budget = join(ordner, 'budget.csv');
if (!existsSync(datei)) {
  const i = await DuckDBInstance.create(':memory:');
  const v = await i.connect();
  await v.run(
    readFileSync('bench/leistungen-datei.sql', 'utf8')
      .replaceAll('$zeilen', String(zeilen))
      .replaceAll('$datei', datei),
  );
  v.closeSync();
  i.closeSync();
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
const vorherOrdner = process.argv[4] ?? join(process.cwd(), 'tmp', 'vorher');
const lauf = (wurzel, name, db, ...args) => {
  for (const d of readdirSync(ordner))
    if (d.endsWith('.duckdb') || d.endsWith('.wal') || d === 'ladungen')
      rmSync(join(ordner, d), { recursive: true, force: true });
  const aus = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(wurzel, 'bench', 'schritte', `${name}.ts`), datei, db, ...args],
    { cwd: wurzel, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const r = JSON.parse(aus.trim().split('\n').at(-1));
  r.dbMB = Math.round(statSync(db).size / 1024 / 1024);
  return r;
};
const ergebnis = { zeilen, dateiMB: Math.round(statSync(datei).size / 1024 / 1024), runden: [] };
for (let r = 0; r < runden; r++) {
  const bare = lauf(process.cwd(), 'bare-read-csv', join(ordner, 'basis.duckdb'));
  const vorher = lauf(vorherOrdner, 'ingest', join(ordner, 'vorher.duckdb'), budget);
  const nachher = lauf(process.cwd(), 'ingest', join(ordner, 'nachher.duckdb'), budget);
  const runde = {
    bare: bare.sekunden,
    vorher: vorher.sekunden,
    nachher: nachher.sekunden,
    vorherMB: vorher.dbMB,
    nachherMB: nachher.dbMB,
    vorherRss: vorher.maxRssMB,
    nachherRss: nachher.maxRssMB,
    last: (await import('node:os')).loadavg()[0],
  };
  ergebnis.runden.push(runde);
  console.log(JSON.stringify(runde));
}
// Lines are right: row i of the generated file (line i + 2) has mitarbeiter MA-(i % 180).
const i = await DuckDBInstance.create(join(ordner, 'nachher.duckdb'));
const v = await i.connect();
ergebnis.zeilenFalsch = Number(
  (
    await v.runAndReadAll(
      `SELECT count(*) FILTER (WHERE CAST(substr(mitarbeiter, 4) AS INTEGER) <> (zeile - 2) % 180) FROM leistung`,
    )
  ).getRows()[0][0],
);
ergebnis.zeilenMin = (await v.runAndReadAll(`SELECT min(zeile), max(zeile), count(DISTINCT zeile) FROM leistung`))
  .getRows()[0]
  .map(Number);
console.log(JSON.stringify(ergebnis));
writeFileSync(join(ordner, 'herkunft-kosten.json'), JSON.stringify(ergebnis, null, 2));
