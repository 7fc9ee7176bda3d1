import { z } from 'zod';
import { hashToken, newId, newToken, tokenMatches } from '../auth';
import type { Connection } from './connect';

/** Users, workspaces, memberships and tokens: what the CLI manages and every request checks. */

export const Email = z.string().trim().toLowerCase().pipe(z.email('not an email address').max(320));

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
    await trx.insertInto('users').values({ id: user, email, created_at: now, disabled_at: null }).execute();
    await trx.insertInto('workspaces').values({ id: workspace, name: email, created_at: now, seq: 0, purged_through: 0 }).execute();
    await trx.insertInto('members').values({ workspace_id: workspace, user_id: user, created_at: now }).execute();
    await trx.insertInto('tokens').values({ id: newId('tok'), user_id: user, hash: hashToken(token), created_at: now, revoked_at: null }).execute();
  });
  return { user, workspace, token };
}

export async function addToken(conn: Connection, rawEmail: string, now: number): Promise<{ user: string; id: string; token: string }> {
  const user = await userByEmail(conn, rawEmail);
  const { disabled_at } = await conn.db.selectFrom('users').select('disabled_at').where('id', '=', user).executeTakeFirstOrThrow();
  if (disabled_at !== null) throw new AccountError('that user is disabled: `user enable EMAIL` first');
  const token = newToken();
  const id = newId('tok');
  await conn.db.insertInto('tokens').values({ id, user_id: user, hash: hashToken(token), created_at: now, revoked_at: null }).execute();
  return { user, id, token };
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

export async function shareWorkspace(conn: Connection, workspace: string, rawEmail: string, now: number): Promise<void> {
  const user = await userByEmail(conn, rawEmail);
  const found = await conn.db.selectFrom('workspaces').select('id').where('id', '=', workspace).executeTakeFirst();
  if (!found) throw new AccountError(`no workspace ${workspace}`);
  await conn.db
    .insertInto('members')
    .values({ workspace_id: workspace, user_id: user, created_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .execute();
}

/** Takes a user out of a workspace: their tokens no longer reach it. Its last member stays. */
export async function unshareWorkspace(conn: Connection, workspace: string, rawEmail: string): Promise<void> {
  const user = await userByEmail(conn, rawEmail);
  await conn.db.transaction().execute(async (trx) => {
    const members = await trx.selectFrom('members').select('user_id').where('workspace_id', '=', workspace).execute();
    if (!members.some((member) => member.user_id === user)) throw new AccountError(`that user is not a member of ${workspace}`);
    if (members.length === 1) throw new AccountError(`that user is the last member of ${workspace}; a workspace keeps at least one`);
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

/** The workspaces one user belongs to (id and name), oldest first. */
export async function workspacesOf(conn: Connection, userId: string): Promise<Array<{ workspace: string; name: string }>> {
  const rows = await conn.db
    .selectFrom('workspaces')
    .innerJoin('members', 'members.workspace_id', 'workspaces.id')
    .select(['workspaces.id', 'workspaces.name'])
    .where('members.user_id', '=', userId)
    .orderBy('workspaces.created_at')
    .orderBy('workspaces.id')
    .execute();
  return rows.map((row) => ({ workspace: row.id, name: row.name }));
}

export interface Caller {
  userId: string;
  tokenId: string;
}

/** The live token's owner, or undefined for an unknown or revoked token, or a disabled user's. */
export async function authenticate(conn: Connection, token: string): Promise<Caller | undefined> {
  const hash = hashToken(token);
  const row = await conn.db
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .select(['tokens.id', 'tokens.user_id', 'tokens.hash', 'tokens.revoked_at', 'users.disabled_at'])
    .where('tokens.hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null || !tokenMatches(token, row.hash)) return undefined;
  return { userId: row.user_id, tokenId: row.id };
}

/** Whether the user is a member: every workspace route asks this before touching data. */
export async function isMember(conn: Connection, workspace: string, userId: string): Promise<boolean> {
  const row = await conn.db
    .selectFrom('members')
    .select('user_id')
    .where('workspace_id', '=', workspace)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

async function userByEmail(conn: Connection, rawEmail: string): Promise<string> {
  const email = Email.parse(rawEmail);
  const row = await conn.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (!row) throw new AccountError(`no user with that email`);
  return row.id;
}
