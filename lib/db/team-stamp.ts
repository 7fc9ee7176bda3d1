/**
 * What a new row records about the team while this browser syncs a shared workspace: its owner
 * (contacts, deals) and author (interactions, deals, tasks) are the signed-in member, and an
 * interaction's visibility follows its kind (captured emails private by default, the rest team).
 * Without membership (a book of one) nothing is stamped, so rows look exactly as before.
 *
 * lib/db reads the membership row itself, by key, because lib/sync/client (which owns it, see
 * membership.ts) imports lib/db: importing it back would close a cycle. Read before a write's
 * transaction opens: the `meta` table is not in those transactions' Dexie scope.
 */
import { z } from 'zod';
import type { Interaction, Visibility } from '../model';
import type { CrmDatabase } from './types';

/** The same key as lib/sync/client/membership.ts's MEMBERSHIP_KEY (a test checks they agree). */
export const MEMBERSHIP_ROW = 'sync:membership';
/**
 * This browser's team preferences, one row per workspace. Local (a `sync:` row: neither backed up
 * nor exported); the server has no workspace settings, so each member chooses for their browser.
 */
export const TEAM_PREFS_PREFIX = 'sync:team-prefs:';

const MembershipUser = z.object({
  user: z.string().min(1),
  workspace: z.string().min(1),
  removedAt: z.number().optional(),
  /** The workspace's settings as the last refresh read them (`GET /v1/w/:ws/settings`). */
  settings: z.object({ capturedEmails: z.enum(['private', 'team']).optional() }).optional(),
});

/** This member's own choices for the workspace, kept in this browser. */
export const TeamPrefs = z.object({
  /** Next best actions and the follow-up badge count the whole team's records, not only one's own. */
  teamActions: z.boolean().default(false),
});
export type TeamPrefs = z.infer<typeof TeamPrefs>;

export interface TeamStamp {
  /** The signed-in member: owner and author of what this browser creates. */
  user: string;
  workspace: string;
  /** Who sees emails captured from webmail at first: the workspace's setting, chosen by its owners. */
  capturedEmails: 'private' | 'team';
  prefs: TeamPrefs;
}

/** The stamp for new rows, or undefined when this browser does not sync (or was removed). */
export async function readTeamStamp(db: CrmDatabase): Promise<TeamStamp | undefined> {
  const parsed = MembershipUser.safeParse((await db.meta.get(MEMBERSHIP_ROW))?.value);
  if (!parsed.success || parsed.data.removedAt !== undefined) return undefined;
  const { user, workspace, settings } = parsed.data;
  return { user, workspace, capturedEmails: settings?.capturedEmails ?? 'private', prefs: await readTeamPrefs(db, workspace) };
}

export async function readTeamPrefs(db: CrmDatabase, workspace: string): Promise<TeamPrefs> {
  const parsed = TeamPrefs.safeParse((await db.meta.get(TEAM_PREFS_PREFIX + workspace))?.value ?? {});
  return parsed.success ? parsed.data : TeamPrefs.parse({});
}

export async function saveTeamPrefs(db: CrmDatabase, workspace: string, prefs: TeamPrefs): Promise<void> {
  await db.meta.put({ key: TEAM_PREFS_PREFIX + workspace, value: TeamPrefs.parse(prefs) });
}

/** Changes some preferences, read and written in one transaction (two quick ticks both count). */
export async function updateTeamPrefs(db: CrmDatabase, workspace: string, patch: Partial<TeamPrefs>): Promise<TeamPrefs> {
  return db.transaction('rw', db.meta, async () => {
    const next = TeamPrefs.parse({ ...(await readTeamPrefs(db, workspace)), ...patch });
    await saveTeamPrefs(db, workspace, next);
    return next;
  });
}

/** The visibility a new interaction of this kind gets: captured emails follow the workspace's setting; the rest are team. */
export function defaultVisibility(stamp: TeamStamp, kind: Interaction['kind'], captured: boolean): Visibility {
  return kind === 'email' && captured ? stamp.capturedEmails : 'team';
}

/** The fields a new interaction gets from the stamp (none without one). */
export function interactionStamp(stamp: TeamStamp | undefined, kind: Interaction['kind'], captured: boolean): Pick<Interaction, 'authorId' | 'visibility'> {
  return stamp ? { authorId: stamp.user, visibility: defaultVisibility(stamp, kind, captured) } : {};
}

/**
 * Whose records next best actions and the follow-up badge count: the member's own and the
 * unassigned ones (see isMine in lib/model/ownership.ts), unless they chose to see the team's;
 * undefined (everything) when this browser does not sync.
 */
export async function readActionScope(db: CrmDatabase): Promise<string | undefined> {
  const stamp = await readTeamStamp(db);
  return stamp && !stamp.prefs.teamActions ? stamp.user : undefined;
}
