// One bench section on its own: `npx tsx tools/bench/run-detection.ts` (no build needed: it
// bundles page.js's detection code itself). BENCH_DETECTION_RUNS sets the generated page's runs.
import { benchDetection } from './detection';

console.log(JSON.stringify(await benchDetection(Number(process.env.BENCH_DETECTION_RUNS ?? 21)), null, 2));
