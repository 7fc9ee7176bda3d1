/**
 * Keeps the `sync:membership` row current as the background syncs: the member's own id and role
 * (from `GET /v1/workspaces`) and the team (`GET /v1/w/:ws/members`). A workspace missing from
 * the list, or a 404 for it, means this member was removed: the row keeps what it knew and gains
 * `removedAt`, which the panel and Options turn into "You were removed from …".
 */
import type { CrmDatabase } from '../../db/database';
import { readMembership, saveMembership, type Membership } from './membership';
import type { TeamTransport } from './team-transport';
import { SyncError } from './transport';

/**
 * Marks this browser's membership of `workspace` as removed (once: the first time is kept). With
 * no row yet (removed before the first refresh), `known` supplies who this browser was.
 */
export async function markRemoved(db: CrmDatabase, workspace: string, now: number, known?: Pick<Membership, 'user'> & Partial<Membership>): Promise<Membership | undefined> {
  const current = await readMembership(db);
  const base = current?.workspace === workspace ? current : known ? { workspaceName: workspace, role: 'viewer' as const, members: [], ...known, workspace } : undefined;
  if (!base) return undefined;
  const removed: Membership = { ...base, removedAt: base.removedAt ?? now };
  await saveMembership(removed, db);
  return removed;
}

/** The error that stops sync once this member is known to be removed: no retries until new settings. */
export function removedError(membership: Pick<Membership, 'workspaceName' | 'workspace'>): SyncError {
  return new SyncError('workspace', `You were removed from ${membership.workspaceName || membership.workspace}.`, 404);
}

/**
 * Reads who this browser is in `workspace` and saves it. Answers the saved row, or undefined when
 * the server predates teams (no `user` in its reply: then every write is left to the server to judge).
 * Throws removedError when the member was removed; other SyncErrors (offline, token revoked) pass through.
 */
export async function refreshMembership(db: CrmDatabase, team: TeamTransport, workspace: string, now = Date.now()): Promise<Membership | undefined> {
  const reply = await team.whoAmI();
  if (!reply.user) return undefined;
  const known = { user: reply.user.user };
  const entry = reply.workspaces.find((candidate) => candidate.workspace === workspace);
  if (!entry) throw removedError((await markRemoved(db, workspace, now, known)) ?? { workspace, workspaceName: workspace });
  let members;
  try {
    members = await team.members();
  } catch (error) {
    if (error instanceof SyncError && error.kind === 'workspace') {
      throw removedError((await markRemoved(db, workspace, now, { ...known, workspaceName: entry.name })) ?? { workspace, workspaceName: entry.name });
    }
    throw error;
  }
  // A server from before workspace settings answers 404 here: the defaults, not a removal.
  const settings = await team.settings().catch(() => undefined);
  const membership: Membership = { user: reply.user.user, workspace, workspaceName: entry.name, role: entry.role ?? 'editor', members, ...(settings ? { settings } : {}) };
  await saveMembership(membership, db);
  return membership;
}
