// Baseline: DuckDB's bare read_csv of the same file into a table, nothing of ours around it.
import { DuckDBInstance } from '@duckdb/node-api';
import { berichte, stoppuhrUndRechenzeit } from './messung.ts';

const [datei, db] = process.argv.slice(2) as [string, string];
const instanz = await DuckDBInstance.create(db);
const v = await instanz.connect();
const [, sekunden, cpuSekunden] = await stoppuhrUndRechenzeit(() =>
  v.run(`CREATE TABLE leistungen AS SELECT * FROM read_csv('${datei}', delim = ';', header = true)`),
);
berichte({ sekunden, cpuSekunden });
