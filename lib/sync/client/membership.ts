/**
 * Who this browser is in the synced workspace: the member's own id and role, and the team's
 * members (for names: "Dana logged a call", "Owner: Ravi"). Kept in the extension's IndexedDB
 * (`meta`, a `sync:` row: never in a backup or export), refreshed by the background as it syncs.
 * Absent when this browser does not sync: then it is a book of one, and every write is allowed.
 *
 * This file is the one place the panel, Options and the background read membership from; the
 * background's refresh writes it with `saveMembership`.
 */
import { z } from 'zod';
import { crmDatabase, type CrmDatabase } from '../../db';
import { Member, Role, WorkspaceSettings } from '../shared/protocol';

export const MEMBERSHIP_KEY = 'sync:membership';

export const Membership = z.object({
  /** The signed-in member's user id: the `authorId` the server stamps on their writes. */
  user: z.string().min(1).max(64),
  workspace: z.string().min(1).max(64),
  workspaceName: z.string().max(200),
  role: Role,
  /** The team as last read (`GET /v1/w/:ws/members`); empty until first read. */
  members: z.array(Member),
  /** The owners' settings for everyone (`GET /v1/w/:ws/settings`); absent from a server without them. */
  settings: WorkspaceSettings.optional(),
  /** Set when the server answered 404 for this workspace: the member was removed. */
  removedAt: z.number().int().nonnegative().optional(),
});
export type Membership = z.infer<typeof Membership>;

export async function readMembership(db: CrmDatabase = crmDatabase()): Promise<Membership | undefined> {
  const parsed = Membership.safeParse((await db.meta.get(MEMBERSHIP_KEY))?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function saveMembership(membership: Membership, db: CrmDatabase = crmDatabase()): Promise<void> {
  await db.meta.put({ key: MEMBERSHIP_KEY, value: Membership.parse(membership) });
}

export async function clearMembership(db: CrmDatabase = crmDatabase()): Promise<void> {
  await db.meta.delete(MEMBERSHIP_KEY);
}

/** Whether this browser may write: no sync (a book of one), or a member who is not a viewer and was not removed. */
export function canWrite(membership: Membership | undefined): boolean {
  return !membership || (membership.role !== 'viewer' && membership.removedAt === undefined);
}

/** A member's display name: their name, else their email, else "a former member". */
export function memberName(membership: Membership | undefined, user: string | undefined): string | undefined {
  if (!membership || !user) return undefined;
  if (user === membership.user) return 'You';
  const member = membership.members.find((candidate) => candidate.user === user);
  return member ? member.name?.trim() || member.email : 'a former member';
}
