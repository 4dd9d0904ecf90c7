import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the browser end-to-end test (test/browser/, docs/playground.md). Kept out
// of `npm test` because it needs chromium; `.ci/run` runs it after `npm test`.
// Start (bot, playground and chromium at once) ≤ 100 s, each test ≤ 120 s; the test stops
// everything itself at 330 s (WATCHDOG_MS) and .ci/run kills it at 400 s. A run takes about a minute.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 100_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
