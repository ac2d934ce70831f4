import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
for (const sql of process.argv.slice(2)) {
  const r = await c.runAndReadAll(sql);
  console.log(r.columnNames().join('\t'));
  for (const z of r.getRowsJson()) console.log(z.join('\t'));
}
