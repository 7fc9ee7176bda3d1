// The background recompute of every tier on its own (the value section's BENCH_FULL part):
// `npx tsx tools/bench/run-value-recompute.ts` after `npx wxt build`. BENCH_VALUE_CONTACTS and
// BENCH_VALUE_DEALS scale it down (default 100,000 and 1,000,000).
import { benchIndexedDb } from './value';

console.log(JSON.stringify(await benchIndexedDb(), null, 2));
