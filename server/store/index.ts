import { sql } from 'kysely';
import type { PushChange } from '../../lib/sync/shared/protocol';
import * as accounts from './accounts';
import { type Backend, type ConnectOptions, type Connection, connect } from './connect';
import { migrateToLatest } from './migrations';
import * as sync from './sync';

export { AccountError, type Caller, type NewUser, type WorkspaceSummary } from './accounts';
export type { PullResult, StoredRow } from './sync';
export { type Backend, type ConnectOptions, isPostgresUrl } from './connect';

/** Where the data lives when neither --db nor DATABASE_URL says otherwise. */
export const DEFAULT_DB_PATH = './data/sync.sqlite';

/**
 * The server's storage, one object for the routes, the CLI and the tests. Every method is scoped
 * by workspace or user; nothing here decides who may call it (the routes do).
 */
export class SyncStore {
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

  addToken(email: string, now = Date.now()) {
    return accounts.addToken(this.conn, email, now);
  }

  revokeToken(tokenOrId: string, now = Date.now()) {
    return accounts.revokeToken(this.conn, tokenOrId, now);
  }

  revokeUserTokens(email: string, now = Date.now()) {
    return accounts.revokeUserTokens(this.conn, email, now);
  }

  shareWorkspace(workspace: string, email: string, now = Date.now()) {
    return accounts.shareWorkspace(this.conn, workspace, email, now);
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

  authenticate(token: string) {
    return accounts.authenticate(this.conn, token);
  }

  isMember(workspace: string, userId: string) {
    return accounts.isMember(this.conn, workspace, userId);
  }

  push(workspace: string, clientId: string, changes: readonly PushChange[], now = Date.now()) {
    return sync.applyPush(this.conn, workspace, clientId, changes, now);
  }

  pull(workspace: string, since: number, limit: number) {
    return sync.pullRows(this.conn, workspace, since, limit);
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
