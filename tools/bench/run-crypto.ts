// One bench section on its own: `npx tsx tools/bench/run-crypto.ts` (no build needed).
import { benchCrypto } from './crypto';

console.log(JSON.stringify(await benchCrypto(), null, 2));
