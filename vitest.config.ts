import { defineConfig } from 'vitest/config';
// The test workers are forked from here and inherit the pool size: servers in the tests get what srb serve gets.
import './cli/threadpool.cjs';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/addin-bauen.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each test file opens its own DuckDB files; two cores, so two workers.
    pool: 'forks',
    maxWorkers: 2,
  },
});
