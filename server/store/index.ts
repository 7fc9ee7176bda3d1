import { sql } from 'kysely';
import type { KeyEnvelope } from '../../lib/sync/shared/key-envelope';
import type { PushChange, Role, SyncTable, WorkspaceSettingsPatch } from '../../lib/sync/shared/protocol';
import type { RewriteChange } from '../../lib/sync/shared/encryption';
import type { TokenScope } from '../auth';
import type { DavClock } from '../dav/dav-clock';
import * as accounts from './accounts';
import * as davContacts from './dav-contacts';
import { RowVersions } from '../dav/row-versions';
import { encryptionStatus } from './encryption-status';
import { followUps } from './followups';
import * as keys from './keys';
import * as settings from './settings';
import { type Backend, type ConnectOptions, type Connection, connect } from './connect';
import { migrateToLatest } from './migrations';
import { rewriteValues } from './rewrite';
import * as sync from './sync';

export { AccountError, type Caller, type CreatedInvite, type JoinResult, type MemberChange, type NewUser, type WorkspaceSummary } from './accounts';
export type { DavDecision, DavTarget } from './dav-contacts';
export type { DeleteKeyResult } from './keys';
export type { PullResult, PushResult, StoredRow } from './sync';
export { type Backend, type ConnectOptions, isPostgresUrl } from './connect';

/** Where the data lives when neither --db nor DATABASE_URL says otherwise. */
export const DEFAULT_DB_PATH = './data/sync.sqlite';

/**
 * The server's storage, one object for the routes, the CLI and the tests. Every method is scoped
 * by workspace or user; nothing here decides who may call it (the routes do).
 */
export class SyncStore {
  /** The address book's ETags by row version (../dav/row-versions.ts). */
  private readonly davRows = new RowVersions();

  private constructor(private readonly conn: Connection) {}

  /** Opens a SQLite file path or a postgres:// URL and brings its schema up to date. */
  static async open(location: string, options: ConnectOptions = {}): Promise<SyncStore> {
    const conn = connect(location, options);
    try {
      await migrateToLatest(conn.db);
    } catch (error) {
      await conn.close();
      throw error;
    }
    return new SyncStore(conn);
  }

  get backend(): Backend {
    return this.conn.backend;
  }

  addUser(email: string, now = Date.now()) {
    return accounts.addUser(this.conn, email, now);
  }

  addToken(email: string, now = Date.now(), scope?: TokenScope) {
    return accounts.addToken(this.conn, email, now, scope);
  }

  revokeToken(tokenOrId: string, now = Date.now()) {
    return accounts.revokeToken(this.conn, tokenOrId, now);
  }

  revokeUserTokens(email: string, now = Date.now()) {
    return accounts.revokeUserTokens(this.conn, email, now);
  }

  /** Adds a member (editor unless `role` says otherwise) or changes a member's role; answers the role. */
  shareWorkspace(workspace: string, email: string, role?: Role, now = Date.now()) {
    return accounts.shareWorkspace(this.conn, workspace, email, role, now);
  }

  unshareWorkspace(workspace: string, email: string) {
    return accounts.unshareWorkspace(this.conn, workspace, email);
  }

  /** Disables (`disabled`) or enables a user; answers the user's id. */
  setUserDisabled(email: string, disabled: boolean, now = Date.now()) {
    return accounts.setUserDisabled(this.conn, email, disabled ? now : null);
  }

  listWorkspaces(email?: string) {
    return accounts.listWorkspaces(this.conn, email);
  }

  workspacesOf(userId: string) {
    return accounts.workspacesOf(this.conn, userId);
  }

  /** A user's id, email and name: who a token belongs to. */
  userSummary(userId: string) {
    return accounts.userSummary(this.conn, userId);
  }

  authenticate(token: string) {
    return accounts.authenticate(this.conn, token);
  }

  isMember(workspace: string, userId: string) {
    return accounts.isMember(this.conn, workspace, userId);
  }

  /** The member's role, or undefined for a non-member; notes the visit for lastSeenAt. */
  memberRole(workspace: string, userId: string, now = Date.now()) {
    return accounts.memberRole(this.conn, workspace, userId, now);
  }

  listMembers(workspace: string) {
    return accounts.listMembers(this.conn, workspace);
  }

  setMemberRole(workspace: string, userId: string, role: Role) {
    return accounts.setMemberRole(this.conn, workspace, userId, role);
  }

  removeMember(workspace: string, userId: string) {
    return accounts.removeMember(this.conn, workspace, userId);
  }

  /** `createdBy` is the owner's user id, or null from the CLI. */
  createInvite(workspace: string, role: Role, days: number, createdBy: string | null, now = Date.now()) {
    return accounts.createInvite(this.conn, workspace, role, days, createdBy, now);
  }

  joinByInvite(code: string, email: string, name: string, now = Date.now()) {
    return accounts.joinByInvite(this.conn, code, email, name, now);
  }

  /** Applies a member's push: `member` (from the token) is the author of the rows it creates. */
  push(workspace: string, member: string, clientId: string, changes: readonly PushChange[], now = Date.now()) {
    return sync.applyPush(this.conn, workspace, member, clientId, changes, now);
  }

  /** The rows after `since` that `member` may see. */
  pull(workspace: string, member: string, since: number, limit: number) {
    return sync.pullRows(this.conn, workspace, member, since, limit);
  }

  /** The owners' settings for every member (defaults when none were saved). */
  workspaceSettings(workspace: string) {
    return settings.readSettings(this.conn, workspace);
  }

  updateWorkspaceSettings(workspace: string, patch: WorkspaceSettingsPatch) {
    return settings.updateSettings(this.conn, workspace, patch);
  }

  /** An encrypted workspace's key envelopes, newest first (empty for a plain workspace). */
  listKeys(workspace: string) {
    return keys.listKeys(this.conn, workspace);
  }

  /** Stores a key envelope (a new key, or a re-wrap or retirement of one with the same id). */
  putKey(workspace: string, envelope: KeyEnvelope, now = Date.now()) {
    return keys.putKey(this.conn, workspace, envelope, now);
  }

  /** The follow-ups a calendar feed shows: the member's own, or the team's (./followups.ts). */
  followUps(workspace: string, member: string, team: boolean) {
    return followUps(this.conn, workspace, member, team);
  }

  /** The key new values must be sealed with; undefined for a plain workspace. */
  currentKeyId(workspace: string) {
    return keys.currentKeyId(this.conn, workspace);
  }

  /** Whether the workspace keeps any key (encrypted, or being turned off). */
  async hasKeys(workspace: string) {
    return (await keys.listKeys(this.conn, workspace)).length > 0;
  }

  /**
   * The address book's live contacts (CardDAV, ./dav-contacts.ts): all, or those among `ids`.
   * Rows seen before at their cursor come without their fields unless `fields` (ids only).
   */
  davContacts(workspace: string, member: string, ids?: readonly string[], fields = false) {
    return ids === undefined
      ? davContacts.liveContacts(this.conn, this.davRows, workspace, member)
      : davContacts.liveContactsById(this.conn, this.davRows, workspace, member, ids, fields);
  }

  /** A CardDAV client's write to one contact, decided and pushed in one transaction (./dav-contacts.ts). */
  davWriteContact(workspace: string, member: string, id: string, clock: DavClock, decide: (target: davContacts.DavTarget) => davContacts.DavDecision, now = Date.now()) {
    return davContacts.writeContact(this.conn, workspace, member, id, clock, decide, now);
  }

  /** The address book's changes after a cursor (sync-collection), or gone past the purge horizon. */
  davContactChanges(workspace: string, member: string, since: number) {
    return davContacts.contactChanges(this.conn, this.davRows, workspace, member, since);
  }

  /** The workspace's cursor now: what a sync token or ctag names. */
  workspaceCursor(workspace: string) {
    return davContacts.workspaceCursor(this.conn, workspace);
  }

  /** Whether the workspace is end-to-end encrypted now (it has a key that is not retired). */
  isEncrypted(workspace: string) {
    return keys.isEncrypted(this.conn, workspace);
  }

  /** Removes a key envelope, unless a stored value still needs it. */
  deleteKey(workspace: string, keyId: string) {
    return keys.deleteKey(this.conn, workspace, keyId);
  }

  /** Replaces stored values in place at their stamps (see ./rewrite.ts): no cursor, no audit. */
  rewrite(workspace: string, member: string, changes: readonly RewriteChange[]) {
    return rewriteValues(this.conn, workspace, member, changes);
  }

  /** How the values `member` may see are encoded: plain, or per key id. */
  encryptionStatus(workspace: string, member: string) {
    return encryptionStatus(this.conn, workspace, member);
  }

  audit(workspace: string, member: string, table: SyncTable, id: string) {
    return sync.rowAudit(this.conn, workspace, member, table, id);
  }

  purge(horizonMs: number, now = Date.now()) {
    return sync.purgeExpired(this.conn, horizonMs, now);
  }

  /** For /healthz: answers when the database answers. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.conn.db);
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}
