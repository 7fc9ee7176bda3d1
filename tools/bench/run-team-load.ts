// One bench section on its own: `npx tsx tools/bench/run-team-load.ts` (no build needed): 50
// members of one workspace on a throwaway PostgreSQL cluster, about a minute on two cores.
import { benchTeamLoad } from './team-load';

console.log(JSON.stringify(await benchTeamLoad(), null, 2));
