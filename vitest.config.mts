import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start real HTTP servers and SQLite files; keep the 2-core CI machine calm.
    pool: 'forks',
    maxWorkers: 2,
  },
});
