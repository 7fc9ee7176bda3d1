/**
 * The extension's HTTP client for the team routes of issue 18: who am I, the members, invites,
 * role changes, removal, and joining by invite (no token). Replies are parsed with the protocol's
 * schemas; failures are SyncErrors whose message is what the Team and Join forms show.
 */
import {
  InviteReply,
  JoinReply,
  MemberRemovedReply,
  MemberRoleReply,
  MembersReply,
  WorkspaceSettings,
  WorkspacesReply,
  type InviteRequest,
  type WorkspaceSettingsPatch,
  type JoinRequest,
  type Member,
  type Role,
} from '../shared/protocol';
import { errorReply, jsonRequester, SyncError, type HttpTransportOptions } from './transport';

export interface TeamTransport {
  /** `GET /v1/workspaces`: this token's workspaces (with its role in each) and its user. */
  whoAmI(): Promise<WorkspacesReply>;
  members(): Promise<Member[]>;
  invite(request: InviteRequest): Promise<InviteReply>;
  setRole(user: string, role: Role): Promise<MemberRoleReply>;
  remove(user: string): Promise<MemberRemovedReply>;
  /** `GET /v1/w/:ws/settings`: the owners' settings for everyone. */
  settings(): Promise<WorkspaceSettings>;
  /** `PATCH /v1/w/:ws/settings` (owner only). */
  updateSettings(patch: WorkspaceSettingsPatch): Promise<WorkspaceSettings>;
}

/** A team route's failure in words for the Team section; a 404 for the workspace stays kind 'workspace'. */
async function teamFailure(response: Response): Promise<SyncError> {
  const reply = await errorReply(response);
  const detail = reply?.message ?? `HTTP ${response.status}`;
  switch (response.status) {
    case 401:
      return new SyncError('auth', 'The server no longer accepts this browser’s token. Sign in again in Options → Sync.', 401);
    case 403:
      return new SyncError('forbidden', `The server refused: ${detail}.`, 403, undefined, detail);
    case 404:
      return reply?.message === 'no such member'
        ? new SyncError('refused', 'That person is no longer a member of this workspace.', 404, undefined, detail)
        : new SyncError('workspace', 'You are no longer a member of this workspace.', 404, undefined, detail);
    case 409:
      // The last owner (a workspace keeps one): the server's words say what to do first.
      return new SyncError('refused', `${capitalized(detail)}.`, 409, undefined, detail);
    case 429:
      return new SyncError('rate-limited', `The server asked to slow down (${detail}).`, 429);
    case 400:
    case 413:
      return new SyncError('request', `The server refused the request (${detail}).`, response.status, undefined, detail);
    default:
      return new SyncError('server', `The sync server had a problem (${detail}). Try again in a moment.`, response.status);
  }
}

/** The team routes of one workspace, as the signed-in member (their token). */
export function teamTransport(options: HttpTransportOptions & { workspace: string }): TeamTransport {
  const request = jsonRequester(options, teamFailure, 'Check the address and that the server is running.');
  const ws = `/v1/w/${encodeURIComponent(options.workspace)}`;
  const member = (user: string) => `${ws}/members/${encodeURIComponent(user)}`;
  return {
    whoAmI: () => request('/v1/workspaces', WorkspacesReply),
    members: async () => (await request(`${ws}/members`, MembersReply)).members,
    invite: (body) => request(`${ws}/invites`, InviteReply, { method: 'POST', body: JSON.stringify(body) }),
    setRole: (user, role) => request(member(user), MemberRoleReply, { method: 'PATCH', body: JSON.stringify({ role }) }),
    remove: (user) => request(member(user), MemberRemovedReply, { method: 'DELETE' }),
    settings: () => request(`${ws}/settings`, WorkspaceSettings),
    updateSettings: (patch) => request(`${ws}/settings`, WorkspaceSettings, { method: 'PATCH', body: JSON.stringify(patch) }),
  };
}

/** A join's failure: 410 (used, expired or unknown code) and 409 (email taken) in words the invitee can act on. */
async function joinFailure(response: Response): Promise<SyncError> {
  const reply = await errorReply(response);
  if (response.status === 410) {
    return new SyncError('refused', 'This invite is no longer valid (used, expired or mistyped). Ask the owner for a new code.', 410, undefined, reply?.message);
  }
  if (response.status === 409) {
    return new SyncError('refused', 'A member with this email exists already on this server. Ask an owner to add you to the workspace instead.', 409, undefined, reply?.message);
  }
  if (response.status === 429) return new SyncError('rate-limited', `Too many attempts from this address. ${capitalized(reply?.message ?? 'Retry later')}.`, 429);
  if (response.status === 400) return new SyncError('request', `The server refused the details: ${reply?.message ?? 'invalid'}.`, 400, undefined, reply?.message);
  return new SyncError('server', `The sync server had a problem (${reply?.message ?? `HTTP ${response.status}`}). Try again in a moment.`, response.status);
}

/** `POST /v1/join` (no token): redeems an invite code for this person's own token. */
export function joinTeam(options: Pick<HttpTransportOptions, 'serverUrl' | 'fetch' | 'timeoutMs'>, body: JoinRequest): Promise<JoinReply> {
  const request = jsonRequester(options, joinFailure, 'Check the address and that the server is running.');
  return request('/v1/join', JoinReply, { method: 'POST', body: JSON.stringify(body) });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
