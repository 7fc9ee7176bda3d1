/**
 * What Options → Team and Options → Sync → Join a team ask the background to do, with this
 * browser's saved settings: the token stays in IndexedDB and never travels to a page. Each answers
 * `{ok: true, …}` or `{ok: false, error}` with words for the form; the membership row is refreshed
 * after every change so the panel and Options follow at once.
 */
import type { CrmDatabase } from '../../db/database';
import type { InviteReply, InviteRequest, JoinRequest, Member, Role, WorkspaceSettings, WorkspaceSettingsPatch } from '../shared/protocol';
import { modeOf, rotateSuggestedKey, storedEnvelopes } from './encryption-state';
import { markRemoved, refreshMembership } from './membership-refresh';
import { saveMembership } from './membership';
import { newClientId, readSyncSettings, saveSyncSettings, SyncSettings } from './settings';
import { joinTeam, teamTransport, type TeamTransport } from './team-transport';
import { SyncError } from './transport';

export type TeamFailure = { ok: false; error: string };
export type TeamResult<T extends object> = ({ ok: true } & T) | TeamFailure;

type Deps = { db: CrmDatabase; fetch?: typeof fetch; now?: () => number };

const NOT_SYNCING = 'This browser does not sync yet: connect in Options → Sync, or join a team there.';

/** Runs one team call with the saved settings; a 404 for the workspace marks this member removed. */
async function withTeam<T extends object>({ db, fetch, now = Date.now }: Deps, call: (team: TeamTransport) => Promise<T>): Promise<TeamResult<T>> {
  const settings = await readSyncSettings(db);
  if (!settings) return { ok: false, error: NOT_SYNCING };
  try {
    return { ok: true, ...(await call(teamTransport({ ...settings, fetch }))) };
  } catch (error) {
    if (error instanceof SyncError && error.kind === 'workspace') await markRemoved(db, settings.workspace, now());
    return { ok: false, error: error instanceof SyncError ? error.message : 'The request failed unexpectedly.' };
  }
}

/** Reads the team now (the row is refreshed too) and answers the members. */
export function loadMembers(deps: Deps): Promise<TeamResult<{ members: Member[] }>> {
  return withTeam(deps, async (team) => {
    const settings = (await readSyncSettings(deps.db))!;
    const membership = await refreshMembership(deps.db, team, settings.workspace, (deps.now ?? Date.now)());
    return { members: membership?.members ?? (await team.members()) };
  });
}

export function createInvite(deps: Deps, request: InviteRequest): Promise<TeamResult<{ invite: InviteReply }>> {
  return withTeam(deps, async (team) => ({ invite: await team.invite(request) }));
}

/** Changes a member's role, then re-reads the team (an owner who stepped down is an owner no more). */
export function setMemberRole(deps: Deps, user: string, role: Role): Promise<TeamResult<object>> {
  return withTeam(deps, async (team) => {
    await team.setRole(user, role);
    await refreshQuietly(deps, team);
    return {};
  });
}

export function removeMember(deps: Deps, user: string): Promise<TeamResult<object>> {
  return withTeam(deps, async (team) => {
    await team.remove(user);
    await suggestRotation(deps.db);
    await refreshQuietly(deps, team);
    return {};
  });
}

/** Changes the workspace's settings (owners), then re-reads the membership row that carries them. */
export function updateWorkspaceSettings(deps: Deps, patch: WorkspaceSettingsPatch): Promise<TeamResult<{ settings: WorkspaceSettings }>> {
  return withTeam(deps, async (team) => {
    const settings = await team.updateSettings(patch);
    await refreshQuietly(deps, team);
    return { settings };
  });
}

/**
 * Whoever left an encrypted workspace knew its passphrase and may have kept its key: Options
 * offers to rotate it (a new key and passphrase) until an owner does.
 */
async function suggestRotation(db: CrmDatabase): Promise<void> {
  const settings = await readSyncSettings(db);
  if (settings && modeOf(await storedEnvelopes(db, settings.workspace)) === 'encrypted') await db.meta.put({ key: rotateSuggestedKey(settings.workspace), value: true });
}

/** The change is done; a refresh that fails is the next sync's to retry, not the form's error. */
async function refreshQuietly(deps: Deps, team: TeamTransport): Promise<void> {
  const settings = await readSyncSettings(deps.db);
  if (settings) await refreshMembership(deps.db, team, settings.workspace).catch(() => undefined);
}

export interface JoinInput extends JoinRequest {
  serverUrl: string;
}

/**
 * Redeems an invite: the token it returns is saved where manual setup saves it (the IndexedDB
 * `sync:settings` row), never handed to the page; saving the settings starts sync as a manual
 * setup does. Refused while this browser already syncs: signing out first is the user's choice.
 */
export async function joinByInvite({ db, fetch }: Deps, input: JoinInput): Promise<TeamResult<{ workspace: string; role: Role }>> {
  if (await readSyncSettings(db)) return { ok: false, error: 'This browser already syncs a workspace. Sign out of sync first to join another team.' };
  const address = SyncSettings.shape.serverUrl.safeParse(input.serverUrl.trim());
  if (!address.success) return { ok: false, error: address.error.issues[0]?.message ?? 'Check the server address.' };
  try {
    const joined = await joinTeam({ serverUrl: address.data, fetch }, { code: input.code.trim(), email: input.email, name: input.name });
    // Membership first: the panel must know the role before the first pull fills it.
    await saveMembership({ user: joined.user, workspace: joined.workspace, workspaceName: joined.workspace, role: joined.role, members: [] }, db);
    await saveSyncSettings({ serverUrl: address.data, token: joined.token, workspace: joined.workspace, clientId: newClientId() }, db);
    return { ok: true, workspace: joined.workspace, role: joined.role };
  } catch (error) {
    return { ok: false, error: error instanceof SyncError ? error.message : 'Joining failed unexpectedly.' };
  }
}
