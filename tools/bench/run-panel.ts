// One bench section on its own: `npx tsx tools/bench/run-panel.ts` (after `npx wxt build`),
// scaled with BENCH_PANEL_CONTACTS / BENCH_PANEL_INTERACTIONS.
import { benchPanel } from './panel';

console.log(JSON.stringify(await benchPanel(), null, 2));
