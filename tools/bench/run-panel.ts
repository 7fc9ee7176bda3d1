// The side-panel sections on their own: `npx tsx tools/bench/run-panel.ts` (after `npx wxt build`
// and `npx wxt build -b firefox`), Chromium then Firefox with the same data, scaled with
// BENCH_PANEL_CONTACTS / BENCH_PANEL_INTERACTIONS. BENCH_PANEL_BROWSERS=chromium (or firefox) runs one.
import { benchPanel } from './panel';
import { benchPanelFirefox } from './panel-firefox';

const browsers = (process.env.BENCH_PANEL_BROWSERS ?? 'chromium,firefox').split(',');
const figures: Record<string, object> = {};
if (browsers.includes('chromium')) figures.chromium = await benchPanel();
if (browsers.includes('firefox')) figures.firefox = await benchPanelFirefox();
console.log(JSON.stringify(figures, null, 2));
