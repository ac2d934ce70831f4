import { lastTest } from './bench/last.ts';
console.log(JSON.stringify(await lastTest('/tmp/m13/wh.duckdb', '/tmp/m13', 20, 200000), null, 1));
