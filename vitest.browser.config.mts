import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the browser end-to-end test (test/browser/, docs/playground.md). Kept out
// of `npm test` because it needs chromium; `.ci/run` runs it after `npm test`.
// Worst case: 100 s to start + 2 × 45 s + 30 s to stop, and a watchdog in the test at 170 s.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.e2e.ts'],
    testTimeout: 45_000,
    hookTimeout: 100_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
