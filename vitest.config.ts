import { defineConfig } from 'vitest/config';
// The test workers are forked from here and inherit the pool size: servers in the tests get what srb serve gets.
import './cli/threadpool.cjs';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/addin-bauen.ts', 'test/demo-vorlage.ts'],
    // Generous: they catch a hang, not slowness (a test suite beside a benchmark on two cores is slow).
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Each test file opens its own DuckDB files; two cores, so two workers.
    pool: 'forks',
    maxWorkers: 2,
  },
});
