import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import {
  AuditQuery,
  InviteRequest,
  JoinRequest,
  MemberRoleRequest,
  SYNC_LIMITS,
  WorkspaceSettingsPatch,
} from '../../lib/sync/shared/protocol';
import { readJsonBody } from '../body';
import type { RateLimiter } from '../rate-limit';
import type { MemberChange, SyncStore } from '../store';
import { describeIssues, problem } from './reply';
import { type Env, clientAddress } from './context';

export interface TeamRouteOptions {
  store: SyncStore;
  now: () => number;
  /** Failed joins count with failed sign-ins: a code cannot be guessed by the thousand. */
  authFailures: RateLimiter;
}

/** Bodies of the team routes are a few fields: far below the push limit. */
const TEAM_BODY_BYTES = 16 * 1024;
const MAX_USER_ID = 64;

/**
 * Invites, members, audit (behind the token and membership checks of ./sync.ts, which set
 * `caller` and `role`) and `POST /join` (no token). Owner-only routes answer 403 to the others.
 */
export function teamRoutes(routes: Hono<Env>, { store, now, authFailures }: TeamRouteOptions): void {
  routes.post('/w/:workspace/invites', async (c) => {
    const refused = ownerOnly(c, 'create invites');
    if (refused) return refused;
    const parsed = await parsedBody(c, InviteRequest);
    if (!parsed.success) return parsed.reply;
    const invite = await store.createInvite(c.req.param('workspace'), parsed.data.role, parsed.data.expiresInDays, c.get('caller').userId, now());
    return c.json(invite, 201);
  });

  routes.get('/w/:workspace/members', async (c) => c.json({ members: await store.listMembers(c.req.param('workspace')) }));

  routes.patch('/w/:workspace/members/:user', async (c) => {
    const refused = ownerOnly(c, 'change roles');
    if (refused) return refused;
    const parsed = await parsedBody(c, MemberRoleRequest);
    if (!parsed.success) return parsed.reply;
    const user = c.req.param('user');
    const outcome = user.length > MAX_USER_ID ? 'not-member' : await store.setMemberRole(c.req.param('workspace'), user, parsed.data.role);
    return outcome === 'done' ? c.json({ user, role: parsed.data.role }) : memberProblem(c, outcome);
  });

  routes.delete('/w/:workspace/members/:user', async (c) => {
    const refused = ownerOnly(c, 'remove members');
    if (refused) return refused;
    const user = c.req.param('user');
    const outcome = user.length > MAX_USER_ID ? 'not-member' : await store.removeMember(c.req.param('workspace'), user);
    return outcome === 'done' ? c.json({ user, removed: true }) : memberProblem(c, outcome);
  });

  routes.get('/w/:workspace/settings', async (c) => c.json(await store.workspaceSettings(c.req.param('workspace'))));

  routes.patch('/w/:workspace/settings', async (c) => {
    const refused = ownerOnly(c, 'change the workspace settings');
    if (refused) return refused;
    const parsed = await parsedBody(c, WorkspaceSettingsPatch);
    if (!parsed.success) return parsed.reply;
    return c.json(await store.updateWorkspaceSettings(c.req.param('workspace'), parsed.data));
  });

  routes.get('/w/:workspace/audit', async (c) => {
    const refused = ownerOnly(c, 'read the audit');
    if (refused) return refused;
    const parsed = AuditQuery.safeParse({ table: c.req.query('table'), id: c.req.query('id') });
    if (!parsed.success) return problem(c, 400, 'invalid', describeIssues(parsed.error));
    return c.json({ changes: await store.audit(c.req.param('workspace'), c.get('caller').userId, parsed.data.table, parsed.data.id) });
  });

  // No token: the code is the credential. Its failures count against the address like failed
  // sign-ins, and an address that keeps failing waits before any code is looked up.
  routes.post('/join', async (c) => {
    const address = clientAddress(c.env);
    const cooling = authFailures.waitFor(address, now());
    if (cooling > 0) {
      return problem(c, 429, 'rate-limited', `too many failed attempts from this address; retry in ${cooling} s`, { headers: { 'Retry-After': String(cooling) } });
    }
    const parsed = await parsedBody(c, JoinRequest);
    if (!parsed.success) return parsed.reply;
    const joined = await store.joinByInvite(parsed.data.code, parsed.data.email, parsed.data.name, now());
    if (joined.ok) return c.json({ user: joined.user, workspace: joined.workspace, token: joined.token, role: joined.role }, 201);
    authFailures.take(address, now());
    if (joined.reason === 'email-taken') {
      return problem(c, 409, 'email-taken', 'a user with this email exists already: ask an owner to add them with `workspace share`');
    }
    return problem(c, 410, 'invite no longer valid', 'the invite code is unknown, used or expired: ask for a new one');
  });
}

/** The request's JSON body parsed by a schema, or the 400/413 reply saying why it is not. */
export async function parsedBody<T>(c: Context, schema: z.ZodType<T>): Promise<{ success: true; data: T } | { success: false; reply: Response }> {
  const body = await readJsonBody(c.req.raw, TEAM_BODY_BYTES, SYNC_LIMITS.jsonDepth);
  if (!body.ok) return { success: false, reply: problem(c, body.status, body.error, body.message) };
  const parsed = schema.safeParse(body.value);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, reply: problem(c, 400, 'invalid', describeIssues(parsed.error)) };
}

export function ownerOnly(c: Context<Env>, what: string): Response | undefined {
  return c.get('role') === 'owner' ? undefined : problem(c, 403, 'forbidden', `only an owner may ${what}`);
}

function memberProblem(c: Context, outcome: Exclude<MemberChange, 'done'>): Response {
  return outcome === 'not-member'
    ? problem(c, 404, 'not-found', 'no such member')
    : problem(c, 409, 'last-owner', 'a workspace keeps at least one owner: make another member owner first');
}
