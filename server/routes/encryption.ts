import type { Hono } from 'hono';
import { RewriteRequest, changeProblem } from '../../lib/sync/shared/encryption';
import { SYNC_LIMITS } from '../../lib/sync/shared/protocol';
import { readJsonBody } from '../body';
import type { SyncStore } from '../store';
import type { Env } from './context';
import { describeIssues, problem } from './reply';

/**
 * `POST /w/:workspace/rewrite` and `GET /w/:workspace/encryption` (behind ./sync.ts's token and
 * membership checks): re-encoding stored values in place and watching how far that has got
 * (end-to-end encryption, issue 19; lib/sync/shared/encryption.ts is the contract).
 */
export function encryptionRoutes(routes: Hono<Env>, { store }: { store: SyncStore }): void {
  routes.post('/w/:workspace/rewrite', async (c) => {
    if (c.get('role') === 'viewer') return problem(c, 403, 'read-only member', 'a viewer reads this workspace but cannot change it');
    // A rewrite carries what a push carries: the same body limits.
    const body = await readJsonBody(c.req.raw, SYNC_LIMITS.bodyBytes, SYNC_LIMITS.jsonDepth);
    if (!body.ok) return problem(c, body.status, body.error, body.message);
    const parsed = RewriteRequest.safeParse(body.value);
    if (!parsed.success) return problem(c, 400, 'invalid', describeIssues(parsed.error));
    const workspace = c.req.param('workspace');
    // Only a workspace that has keys (encrypted, or being turned off) has anything to re-encode:
    // elsewhere a rewrite would be a silent edit no other browser ever pulls.
    if (!(await store.hasKeys(workspace))) return problem(c, 409, 'not-encrypted', 'this workspace has no keys: there is nothing to re-encode');
    const currentKey = await store.currentKeyId(workspace);
    // Unlike a push, which a browser may have queued before the mode changed, a rewrite is made
    // for the mode the browser just read: a wrong encoding is its bug, and nothing is applied.
    for (const [index, change] of parsed.data.changes.entries()) {
      const reason = changeProblem(currentKey, change.table, change.fields);
      if (reason !== undefined) return problem(c, 400, 'invalid', `changes.${index}: ${reason}`);
    }
    return c.json(await store.rewrite(workspace, c.get('caller').userId, parsed.data.changes));
  });

  routes.get('/w/:workspace/encryption', async (c) => c.json(await store.encryptionStatus(c.req.param('workspace'), c.get('caller').userId)));
}
