/**
 * After a sync run: publishes the value tiers of the last recompute (lib/db/published-tiers.ts)
 * when this browser may and should. Only a plain workspace: an encrypted one keeps derived data
 * local, and its server serves no address book anyway. Only a member who can write: a viewer's
 * changes would be refused. The changed contacts enter the outbox, whose growth starts the push.
 */
import { publishTiers, tiersNeedPublishing, type CrmDatabase, type PublishTiersResult } from '../../db';
import type { CipherState } from './encryption-state';
import { canWrite, readMembership } from './membership';

export async function publishTiersIfDue(db: CrmDatabase, workspace: string, mode: CipherState['mode']): Promise<PublishTiersResult | undefined> {
  if (mode !== 'plain') return undefined;
  if (!canWrite(await readMembership(db))) return undefined;
  if (!(await tiersNeedPublishing(db, workspace))) return undefined;
  return publishTiers(db, workspace);
}
