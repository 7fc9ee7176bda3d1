// The keep-in-touch section on its own: `npx tsx tools/bench/run-cadences.ts` (no build needed).
import { benchCadences } from './cadences';

console.log(JSON.stringify(await benchCadences(), null, 2));
