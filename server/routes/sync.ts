import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { changeProblem } from '../../lib/sync/shared/encryption';
import { MAX_COUNTER, formatHlc } from '../../lib/sync/shared/hlc';
import { PullQuery, PushRequest, type PushChange, type RejectedChange, SYNC_LIMITS } from '../../lib/sync/shared/protocol';
import { bearerToken } from '../auth';
import { readJsonBody } from '../body';
import type { RateLimiter } from '../rate-limit';
import type { StoredRow, SyncStore } from '../store';
import { type Env, clientAddress } from './context';
import { describeIssues, problem } from './reply';
import { encryptionRoutes } from './encryption';
import { keyRoutes } from './keys';
import { teamRoutes } from './team';

export interface SyncRouteOptions {
  store: SyncStore;
  now: () => number;
  limiter: RateLimiter;
  /** Failed authentications per client address (see DEFAULT_AUTH_FAILURE_LIMIT). */
  authFailures: RateLimiter;
}

/** Longer than any id the CLI makes: anything longer is not a workspace, and is not looked up. */
const MAX_WORKSPACE_ID = 64;

/**
 * `/workspaces`, `/w/:workspace/push` and `/w/:workspace/pull`, mounted under /v1, and the team
 * routes (./team.ts) behind the same checks.
 */
export function syncRoutes({ store, now, limiter, authFailures }: SyncRouteOptions): Hono<Env> {
  const routes = new Hono<Env>();

  // Order matters: an address that keeps failing to authenticate waits (429, before any token is
  // looked up), then who is calling (401), then how often (429, before any further database
  // work), then whether the workspace is theirs (404 whether it exists or not: no existence leak).
  const authenticated = createMiddleware<Env>(async (c, next) => {
    const address = clientAddress(c.env);
    const cooling = authFailures.waitFor(address, now());
    if (cooling > 0) {
      return problem(c, 429, 'rate-limited', `too many failed sign-ins from this address; retry in ${cooling} s`, { headers: { 'Retry-After': String(cooling) } });
    }
    const token = bearerToken(c.req.header('authorization'));
    const caller = token === undefined ? undefined : await store.authenticate(token);
    if (!caller) {
      authFailures.take(address, now());
      return problem(c, 401, 'unauthorized', 'missing, malformed, unknown, revoked or disabled bearer token', { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    // An app password for address books (token add --scope dav) is not a sync token.
    if (caller.scope === 'dav') return problem(c, 403, 'wrong-scope', 'this token is an app password for address books and calendars (--scope dav); the sync API does not take it');
    const wait = limiter.take(caller.tokenId, now());
    if (wait > 0) return problem(c, 429, 'rate-limited', `too many requests for this token; retry in ${wait} s`, { headers: { 'Retry-After': String(wait) } });
    c.set('caller', caller);
    await next();
  });
  routes.use('/workspaces', authenticated);
  routes.use('/w/:workspace/*', authenticated);

  // The extension's workspace picker: only the caller's own workspaces, and who the caller is
  // (a browser given a CLI-made token learns its own user id here).
  routes.get('/workspaces', async (c) => {
    const userId = c.get('caller').userId;
    const [workspaces, user] = await Promise.all([store.workspacesOf(userId), store.userSummary(userId)]);
    return c.json({ workspaces, ...(user ? { user } : {}) });
  });

  // Checked on every request, so a member removed a moment ago is refused from their next one.
  routes.use('/w/:workspace/*', async (c, next) => {
    const caller = c.get('caller');
    const workspace = c.req.param('workspace');
    const role = workspace.length > MAX_WORKSPACE_ID ? undefined : await store.memberRole(workspace, caller.userId, now());
    if (role === undefined) return problem(c, 404, 'not-found', 'no such workspace');
    c.set('role', role);
    await next();
  });

  routes.post('/w/:workspace/push', async (c) => {
    if (c.get('role') === 'viewer') return problem(c, 403, 'read-only member', 'a viewer reads this workspace but cannot change it');
    const body = await readJsonBody(c.req.raw, SYNC_LIMITS.bodyBytes, SYNC_LIMITS.jsonDepth);
    if (!body.ok) return problem(c, body.status, body.error, body.message);
    const parsed = PushRequest.safeParse(body.value);
    if (!parsed.success) return problem(c, 400, 'invalid', describeIssues(parsed.error));
    const serverNow = now();
    const ahead = stampAhead(parsed.data.changes, serverNow + SYNC_LIMITS.clockAheadMs);
    if (ahead !== undefined) {
      return problem(c, 409, 'clock-ahead', `stamp ${ahead} is more than ${SYNC_LIMITS.clockAheadMs / 1000} s ahead of the server's clock`, {
        body: { serverTime: new Date(serverNow).toISOString() },
      });
    }
    // Read once per push: an encrypted workspace takes only ciphertexts (but its clear fields),
    // a plain one only plain values checked against the model (lib/sync/shared/encryption.ts).
    const currentKey = await store.currentKeyId(c.req.param('workspace'));
    const rejected: RejectedChange[] = [];
    const accepted: PushChange[] = [];
    for (const change of parsed.data.changes) {
      const reason = changeProblem(currentKey, change.table, change.fields);
      if (reason === undefined) accepted.push(change);
      else rejected.push({ mutationId: change.mutationId, reason });
    }
    const pushed = await store.push(c.req.param('workspace'), c.get('caller').userId, parsed.data.clientId, accepted, serverNow);
    return c.json({ cursor: pushed.cursor, rejected: [...rejected, ...pushed.refused] });
  });

  routes.get('/w/:workspace/pull', async (c) => {
    const parsed = PullQuery.safeParse({ since: c.req.query('since'), limit: c.req.query('limit') });
    if (!parsed.success) return problem(c, 400, 'invalid', describeIssues(parsed.error));
    const result = await store.pull(c.req.param('workspace'), c.get('caller').userId, parsed.data.since, parsed.data.limit);
    if (result.gone) return problem(c, 410, 'resync', 'cursor is older than the tombstone horizon (or unknown here): pull again from since=0');
    return c.body(pullJson(result.rows, result.cursor, result.hasMore), 200, { 'Content-Type': 'application/json' });
  });

  teamRoutes(routes, { store, now, authFailures });
  keyRoutes(routes, { store, now });
  encryptionRoutes(routes, { store });
  return routes;
}

/** The first stamp of a push that sorts after the bound (a string compare: stamps are fixed-width). */
function stampAhead(changes: readonly PushChange[], boundMs: number): string | undefined {
  const bound = formatHlc({ millis: boundMs, counter: MAX_COUNTER, node: 'ffffffffffffffff' });
  for (const change of changes) {
    if (change.deleted !== undefined && change.deleted > bound) return change.deleted;
    for (const write of Object.values(change.fields)) if (write.hlc > bound) return write.hlc;
  }
  return undefined;
}

/** The reply written around the stored field JSON, which is valid JSON already: no parse and re-encode. */
function pullJson(rows: readonly StoredRow[], cursor: number, hasMore: boolean): string {
  const changes = rows.map((row) => {
    const deleted = row.deleted === null ? '' : `,"deleted":${JSON.stringify(row.deleted)}`;
    return `{"table":${JSON.stringify(row.table)},"id":${JSON.stringify(row.id)},"fields":${row.fieldsJson}${deleted}}`;
  });
  return `{"changes":[${changes.join(',')}],"cursor":${cursor},"hasMore":${hasMore}}`;
}
