// The one place that loads DuckDB's client. @duckdb/node-api is CommonJS: imported from an ES module,
// Node first reads it and the 120 files it re-exports to find their names (cjs-module-lexer), 0,3–0,5 s
// at every start of `srb`; required, it is loaded as it is. Types come from the package as before.
import { createRequire } from 'node:module';

type Api = typeof import('@duckdb/node-api');
const api: Api = createRequire(import.meta.url)('@duckdb/node-api');

export const { DuckDBInstance, DuckDBTypeId, JsonDuckDBValueConverter, StatementType } = api;
export type DuckDBInstance = import('@duckdb/node-api').DuckDBInstance;
export type DuckDBTypeId = import('@duckdb/node-api').DuckDBTypeId;
export type StatementType = import('@duckdb/node-api').StatementType;
export type { DuckDBConnection, DuckDBType, DuckDBValue, Json } from '@duckdb/node-api';
