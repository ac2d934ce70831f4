import { defineConfig } from 'vitest/config';

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
