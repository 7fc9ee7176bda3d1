// The follow-ups section on its own: `npx tsx tools/bench/run-tasks.ts` (no build needed).
import { benchTasks } from './tasks';

console.log(JSON.stringify(await benchTasks(), null, 2));
