// Prints the one closing line CI reads, "N passed, N failed[, N skipped]", summed from the JSON
// reports Vitest (unit, Firefox e2e) and Playwright write under test-results/. A runner whose report is missing did
// not run (an earlier step failed): that counts as one failure, so a run that executed no test
// is visible.
import { existsSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];

function read(path) {
  if (!existsSync(path)) {
    missing.push(path);
    return null;
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

// Vitest's JSON: the unit tests, and the Firefox end-to-end suite (vitest.firefox.config.ts).
for (const path of ['test-results/vitest.json', 'test-results/e2e-firefox.json']) {
  const vitest = read(path);
  if (!vitest) continue;
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // A file that failed to load has no tests to count.
  totals.failed += (vitest.testResults ?? []).filter((file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0).length;
}

const e2e = read('test-results/e2e.json');
if (e2e) {
  const stats = e2e.stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  if ((e2e.errors ?? []).length > 0) totals.failed += e2e.errors.length;
}

for (const path of missing) console.error(`test-summary: no report at ${path} (that runner did not finish)`);
totals.failed += missing.length;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
