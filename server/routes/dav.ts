import { Hono } from 'hono';
import { BASIC_CHALLENGE, basicCredentials } from '../dav/basic-auth';
import { ENCRYPTED_NO_DAV } from '../dav/encrypted';
import { followUpsCalendar } from '../dav/followups-ics';
import { carddavRoutes } from './carddav';
import type { RateLimiter } from '../rate-limit';
import type { SyncStore } from '../store';
import { type Env, clientAddress } from './context';
import { problem } from './reply';

export interface DavRouteOptions {
  store: SyncStore;
  now: () => number;
  /** Failed authentications per client address, shared with the sync API. */
  authFailures: RateLimiter;
}

const MAX_WORKSPACE_ID = 64;

export { ENCRYPTED_NO_DAV };

/**
 * `/dav/…` (issue 20): what ordinary calendar and address-book apps read from the sync server,
 * with HTTP Basic (the user's email, a token as the app password; `token add EMAIL --scope dav`
 * makes one for this only). Today: the follow-ups feed, `GET /dav/<workspace>/followups.ics`
 * (the caller's own follow-ups; `?team=1` for the team's), and the address books, read-only for
 * now (CardDAV, ./carddav.ts).
 */
export function davRoutes({ store, now, authFailures }: DavRouteOptions): Hono<Env> {
  const routes = new Hono<Env>();

  // The same order as the sync API: an address that keeps failing waits, then who is calling.
  routes.use('*', async (c, next) => {
    const address = clientAddress(c.env);
    const cooling = authFailures.waitFor(address, now());
    if (cooling > 0) return problem(c, 429, 'rate-limited', `too many failed sign-ins from this address; retry in ${cooling} s`, { headers: { 'Retry-After': String(cooling) } });
    const credentials = basicCredentials(c.req.header('authorization'));
    const caller = credentials === undefined ? undefined : await store.authenticate(credentials.token);
    const user = caller === undefined ? undefined : await store.userSummary(caller.userId);
    // The email must be the token's own: a token is not a password for any account that names it.
    if (!caller || !user || user.email !== credentials?.email) {
      authFailures.take(address, now());
      return problem(c, 401, 'unauthorized', 'sign in with your email and an app password (npm run server -- token add EMAIL --scope dav)', {
        headers: { 'WWW-Authenticate': BASIC_CHALLENGE },
      });
    }
    c.set('caller', caller);
    await next();
  });

  routes.get('/:workspace/followups.ics', async (c) => {
    const userId = c.get('caller').userId;
    const workspace = c.req.param('workspace');
    const role = workspace.length > MAX_WORKSPACE_ID ? undefined : await store.memberRole(workspace, userId, now());
    if (role === undefined) return problem(c, 404, 'not-found', 'no such workspace');
    if (await store.isEncrypted(workspace)) return problem(c, 404, 'encrypted', ENCRYPTED_NO_DAV);
    const team = c.req.query('team') === '1';
    const [followUps, workspaces] = await Promise.all([store.followUps(workspace, userId, team), store.workspacesOf(userId)]);
    const name = workspaces.find((entry) => entry.workspace === workspace)?.name ?? workspace;
    const body = followUpsCalendar(followUps, `${team ? 'Team follow-ups' : 'Follow-ups'} — ${name}`, now());
    return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-cache' });
  });

  routes.route('/', carddavRoutes({ store, now }));
  return routes;
}
