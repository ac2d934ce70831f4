// Loaded with `node --require` (see package.json), before anything else runs: every DuckDB call of
// @duckdb/node-api holds one thread of libuv's pool (Napi::AsyncWorker) until it returns, and the pool
// has 4 threads unless UV_THREADPOOL_SIZE says otherwise when it is first used. Four slow queries then
// stall every other query, login (scrypt) and file read of the server. Setting it in an ES module is too
// late: the module loader has already used the pool to read the files (measured: still 4 threads).
process.env.UV_THREADPOOL_SIZE ??= '16';
