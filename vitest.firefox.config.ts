import { defineConfig } from 'vitest/config';

/**
 * The Firefox end-to-end suite (npm run test:e2e:firefox): one file at a time, each test
 * launching its own Firefox (this machine has two cores). Its JSON report is counted by
 * tools/test-summary.mjs.
 */
export default defineConfig({
  test: {
    include: ['test/e2e-firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/e2e-firefox.json' }]],
  },
});
