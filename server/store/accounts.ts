import { MemberEmail as Email, type Member, type Role } from '../../lib/sync/shared/protocol';
import { INVITE_PATTERN, hashToken, newId, newInviteCode, newToken, tokenMatches, type TokenScope } from '../auth';
import type { Connection } from './connect';
import { inTransaction, lockWorkspace } from './transaction';

/** Users, workspaces, memberships, roles, invites and tokens: what the CLI manages and every request checks. */

export class AccountError extends Error {
  override name = 'AccountError';
}

export interface NewUser {
  user: string;
  workspace: string;
  token: string;
}

export async function addUser(conn: Connection, rawEmail: string, now: number): Promise<NewUser> {
  const email = Email.parse(rawEmail);
  const user = newId('usr');
  const workspace = newId('ws');
  const token = newToken();
  await conn.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) throw new AccountError(`a user with that email already exists`);
    await trx.insertInto('users').values({ id: user, email, created_at: now, disabled_at: null, name: null }).execute();
    await trx.insertInto('workspaces').values({ id: workspace, name: email, created_at: now, seq: 0, purged_through: 0 }).execute();
    await trx.insertInto('members').values({ workspace_id: workspace, user_id: user, created_at: now, role: 'owner', last_seen_at: null }).execute();
    await trx.insertInto('tokens').values({ id: newId('tok'), user_id: user, hash: hashToken(token), created_at: now, revoked_at: null, scope: null }).execute();
  });
  return { user, workspace, token };
}

export async function addToken(conn: Connection, rawEmail: string, now: number, scope?: TokenScope): Promise<{ user: string; id: string; token: string; scope?: TokenScope }> {
  const user = await userByEmail(conn, rawEmail);
  const { disabled_at } = await conn.db.selectFrom('users').select('disabled_at').where('id', '=', user).executeTakeFirstOrThrow();
  if (disabled_at !== null) throw new AccountError('that user is disabled: `user enable EMAIL` first');
  const token = newToken();
  const id = newId('tok');
  await conn.db.insertInto('tokens').values({ id, user_id: user, hash: hashToken(token), created_at: now, revoked_at: null, scope: scope ?? null }).execute();
  return scope === undefined ? { user, id, token } : { user, id, token, scope };
}

/** Revokes one token, named by itself or by its id; answers how many were revoked (0 or 1). */
export async function revokeToken(conn: Connection, tokenOrId: string, now: number): Promise<number> {
  const result = await conn.db
    .updateTable('tokens')
    .set({ revoked_at: now })
    .where((eb) => eb.or([eb('id', '=', tokenOrId), eb('hash', '=', hashToken(tokenOrId))]))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeUserTokens(conn: Connection, rawEmail: string, now: number): Promise<number> {
  const user = await userByEmail(conn, rawEmail);
  const result = await conn.db.updateTable('tokens').set({ revoked_at: now }).where('user_id', '=', user).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Gives a user access to a workspace with a role (editor unless given), or changes the role of a
 * member when one is given (a member shared again without one keeps theirs). Answers the role.
 */
export async function shareWorkspace(conn: Connection, workspace: string, rawEmail: string, role: Role | undefined, now: number): Promise<Role> {
  const user = await userByEmail(conn, rawEmail);
  return inTransaction(conn, async (trx) => {
    if (!(await lockWorkspace(trx, workspace))) throw new AccountError(`no workspace ${workspace}`);
    const current = await roleIn(trx, workspace, user);
    if (current === undefined) {
      const given = role ?? 'editor';
      await trx.insertInto('members').values({ workspace_id: workspace, user_id: user, created_at: now, role: given, last_seen_at: null }).execute();
      return given;
    }
    if (role === undefined || role === current) return current;
    if (current === 'owner' && (await ownerCount(trx, workspace)) === 1) throw new AccountError(`that user is the last owner of ${workspace}; make another member owner first`);
    await trx.updateTable('members').set({ role }).where('workspace_id', '=', workspace).where('user_id', '=', user).execute();
    return role;
  });
}

/** Takes a user out of a workspace: their tokens no longer reach it. Its last member and last owner stay. */
export async function unshareWorkspace(conn: Connection, workspace: string, rawEmail: string): Promise<void> {
  const user = await userByEmail(conn, rawEmail);
  await inTransaction(conn, async (trx) => {
    await lockWorkspace(trx, workspace);
    const members = await trx.selectFrom('members').select(['user_id', 'role']).where('workspace_id', '=', workspace).execute();
    const member = members.find((row) => row.user_id === user);
    if (!member) throw new AccountError(`that user is not a member of ${workspace}`);
    if (members.length === 1) throw new AccountError(`that user is the last member of ${workspace}; a workspace keeps at least one`);
    if (member.role === 'owner' && members.filter((row) => row.role === 'owner').length === 1) {
      throw new AccountError(`that user is the last owner of ${workspace}; make another member owner first`);
    }
    await trx.deleteFrom('members').where('workspace_id', '=', workspace).where('user_id', '=', user).execute();
  });
}

/** Disables (a time) or enables (null) a user; answers the user's id. Tokens are checked on every request. */
export async function setUserDisabled(conn: Connection, rawEmail: string, disabledAt: number | null): Promise<string> {
  const user = await userByEmail(conn, rawEmail);
  await conn.db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', user).execute();
  return user;
}

export interface WorkspaceSummary {
  workspace: string;
  name: string;
  members: string[];
  cursor: number;
}

export async function listWorkspaces(conn: Connection, rawEmail?: string): Promise<WorkspaceSummary[]> {
  let query = conn.db
    .selectFrom('workspaces')
    .innerJoin('members', 'members.workspace_id', 'workspaces.id')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['workspaces.id', 'workspaces.name', 'workspaces.seq', 'users.email'])
    .orderBy('workspaces.created_at')
    .orderBy('workspaces.id')
    .orderBy('users.email');
  if (rawEmail !== undefined) {
    const user = await userByEmail(conn, rawEmail);
    query = query.where('workspaces.id', 'in', conn.db.selectFrom('members').select('workspace_id').where('user_id', '=', user));
  }
  const summaries = new Map<string, WorkspaceSummary>();
  for (const row of await query.execute()) {
    const summary = summaries.get(row.id) ?? { workspace: row.id, name: row.name, members: [], cursor: row.seq };
    summary.members.push(row.email);
    summaries.set(row.id, summary);
  }
  return [...summaries.values()];
}

/** The workspaces one user belongs to (id, name and the user's role), oldest first. */
export async function workspacesOf(conn: Connection, userId: string): Promise<Array<{ workspace: string; name: string; role: Role }>> {
  const rows = await conn.db
    .selectFrom('workspaces')
    .innerJoin('members', 'members.workspace_id', 'workspaces.id')
    .select(['workspaces.id', 'workspaces.name', 'members.role'])
    .where('members.user_id', '=', userId)
    .orderBy('workspaces.created_at')
    .orderBy('workspaces.id')
    .execute();
  return rows.map((row) => ({ workspace: row.id, name: row.name, role: row.role as Role }));
}

/** The user's id, email and name (null for users made by the CLI); undefined for no such user. */
export async function userSummary(conn: Connection, userId: string): Promise<{ user: string; email: string; name: string | null } | undefined> {
  const row = await conn.db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', userId).executeTakeFirst();
  return row && { user: row.id, email: row.email, name: row.name };
}

export interface Caller {
  userId: string;
  tokenId: string;
  /** The token's purpose; absent: any. */
  scope?: TokenScope;
}

/** The live token's owner, or undefined for an unknown or revoked token, or a disabled user's. */
export async function authenticate(conn: Connection, token: string): Promise<Caller | undefined> {
  const hash = hashToken(token);
  const row = await conn.db
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .select(['tokens.id', 'tokens.user_id', 'tokens.hash', 'tokens.revoked_at', 'tokens.scope', 'users.disabled_at'])
    .where('tokens.hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null || !tokenMatches(token, row.hash)) return undefined;
  return row.scope === 'dav' ? { userId: row.user_id, tokenId: row.id, scope: 'dav' } : { userId: row.user_id, tokenId: row.id };
}

/** How often a member's lastSeenAt is written: at most once a minute, not on every pull. */
const SEEN_EVERY_MS = 60_000;

/**
 * The user's role in the workspace, or undefined when they are not a member: every workspace
 * route asks this before touching data, so a removed member is refused from their next request.
 * Notes the visit (lastSeenAt) when the last one is over a minute old.
 */
export async function memberRole(conn: Connection, workspace: string, userId: string, now: number): Promise<Role | undefined> {
  const row = await conn.db
    .selectFrom('members')
    .select(['role', 'last_seen_at'])
    .where('workspace_id', '=', workspace)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.last_seen_at === null || row.last_seen_at < now - SEEN_EVERY_MS) {
    await conn.db.updateTable('members').set({ last_seen_at: now }).where('workspace_id', '=', workspace).where('user_id', '=', userId).execute();
  }
  return row.role as Role;
}

/** Whether the user is a member (any role). */
export async function isMember(conn: Connection, workspace: string, userId: string): Promise<boolean> {
  const row = await conn.db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', workspace)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listMembers(conn: Connection, workspace: string): Promise<Member[]> {
  const rows = await conn.db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['users.id', 'users.email', 'users.name', 'members.role', 'members.last_seen_at'])
    .where('members.workspace_id', '=', workspace)
    .orderBy('members.created_at')
    .orderBy('users.email')
    .execute();
  return rows.map((row) => ({
    user: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at).toISOString(),
  }));
}

/** What changing or removing a member came to: done, no such member, or it would leave no owner. */
export type MemberChange = 'done' | 'not-member' | 'last-owner';

/** Gives a member another role; never leaves the workspace without an owner. */
export async function setMemberRole(conn: Connection, workspace: string, userId: string, role: Role): Promise<MemberChange> {
  return inTransaction(conn, async (trx) => {
    await lockWorkspace(trx, workspace);
    const current = await roleIn(trx, workspace, userId);
    if (current === undefined) return 'not-member';
    if (current === role) return 'done';
    if (current === 'owner' && (await ownerCount(trx, workspace)) === 1) return 'last-owner';
    await trx.updateTable('members').set({ role }).where('workspace_id', '=', workspace).where('user_id', '=', userId).execute();
    return 'done';
  });
}

/** Takes a member out at once (their next request for the workspace is refused); never its last owner. */
export async function removeMember(conn: Connection, workspace: string, userId: string): Promise<MemberChange> {
  return inTransaction(conn, async (trx) => {
    await lockWorkspace(trx, workspace);
    const current = await roleIn(trx, workspace, userId);
    if (current === undefined) return 'not-member';
    if (current === 'owner' && (await ownerCount(trx, workspace)) === 1) return 'last-owner';
    await trx.deleteFrom('members').where('workspace_id', '=', workspace).where('user_id', '=', userId).execute();
    return 'done';
  });
}

export interface CreatedInvite {
  code: string;
  role: Role;
  expiresAt: string;
}

/** A single-use invite code for one role; only its hash is stored. `createdBy` is null from the CLI. */
export async function createInvite(conn: Connection, workspace: string, role: Role, days: number, createdBy: string | null, now: number): Promise<CreatedInvite> {
  const found = await conn.db.selectFrom('workspaces').select('id').where('id', '=', workspace).executeTakeFirst();
  if (!found) throw new AccountError(`no workspace ${workspace}`);
  const code = newInviteCode();
  const expiresAt = now + days * 86_400_000;
  await conn.db
    .insertInto('invites')
    .values({ hash: hashToken(code), workspace_id: workspace, role, created_by: createdBy, created_at: now, expires_at: expiresAt, used_at: null, used_by: null })
    .execute();
  return { code, role, expiresAt: new Date(expiresAt).toISOString() };
}

export type JoinResult =
  | { ok: true; user: string; workspace: string; token: string; role: Role }
  | { ok: false; reason: 'invalid' | 'email-taken' };

/**
 * Redeems an invite for a new user, their first token and a membership, in one transaction. The
 * code is claimed by a conditional update, so of two joins racing for one code only one wins. An
 * email that already has a user is refused (the invite stays unused): a code must never hand out a
 * token for someone else's account; an existing user is added with `workspace share`.
 */
export async function joinByInvite(conn: Connection, code: string, email: string, name: string, now: number): Promise<JoinResult> {
  if (!INVITE_PATTERN.test(code)) return { ok: false, reason: 'invalid' };
  const hash = hashToken(code);
  return inTransaction(conn, async (trx) => {
    const invite = await trx.selectFrom('invites').select(['workspace_id', 'role', 'hash']).where('hash', '=', hash).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
    if (!invite || !tokenMatches(code, invite.hash)) return { ok: false, reason: 'invalid' } as const;
    if (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) return { ok: false, reason: 'email-taken' } as const;
    const user = newId('usr');
    const claimed = await trx
      .updateTable('invites')
      .set({ used_at: now, used_by: user })
      .where('hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: 'invalid' } as const;
    const token = newToken();
    await trx.insertInto('users').values({ id: user, email, name, created_at: now, disabled_at: null }).execute();
    await trx.insertInto('members').values({ workspace_id: invite.workspace_id, user_id: user, created_at: now, role: invite.role, last_seen_at: null }).execute();
    await trx.insertInto('tokens').values({ id: newId('tok'), user_id: user, hash: hashToken(token), created_at: now, revoked_at: null, scope: null }).execute();
    return { ok: true, user, workspace: invite.workspace_id, token, role: invite.role as Role } as const;
  });
}

type Queryable = Connection['db'] | Parameters<Parameters<typeof inTransaction>[1]>[0];

async function roleIn(db: Queryable, workspace: string, userId: string): Promise<Role | undefined> {
  const row = await db.selectFrom('members').select('role').where('workspace_id', '=', workspace).where('user_id', '=', userId).executeTakeFirst();
  return row?.role as Role | undefined;
}

async function ownerCount(db: Queryable, workspace: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('workspace_id', '=', workspace)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function userByEmail(conn: Connection, rawEmail: string): Promise<string> {
  const email = Email.parse(rawEmail);
  const row = await conn.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (!row) throw new AccountError(`no user with that email`);
  return row.id;
}
