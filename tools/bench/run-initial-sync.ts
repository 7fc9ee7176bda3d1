// One bench section on its own: `npx tsx tools/bench/run-initial-sync.ts` (after `npx wxt build`),
// scaled with BENCH_SYNC_CONTACTS / BENCH_SYNC_INTERACTIONS.
import { benchInitialSync } from './sync-initial';

console.log(JSON.stringify(await benchInitialSync(), null, 2));
