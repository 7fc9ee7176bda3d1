// Fails when a release-build content script exceeds 40 KB minified: content scripts run on every
// matching page, so their size is a contract (README, performance table), not a wish.
import { readdirSync, statSync } from 'node:fs';

const LIMIT_BYTES = 40 * 1024;
const dir = '.output/chrome-mv3/content-scripts';
let failed = false;
for (const name of readdirSync(dir).filter((file) => file.endsWith('.js')).sort()) {
  const bytes = statSync(`${dir}/${name}`).size;
  const ok = bytes <= LIMIT_BYTES;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} ${bytes} bytes (limit ${LIMIT_BYTES})`);
}
if (failed) process.exit(1);
