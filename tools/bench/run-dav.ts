// One bench section on its own: `npx tsx tools/bench/run-dav.ts` (no build needed), under half a minute.
import { benchDav } from './dav';

console.log(JSON.stringify(await benchDav(), null, 2));
