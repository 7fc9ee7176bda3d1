/**
 * Table types for Kysely. Times are milliseconds since the epoch; cursors and times are bigint in
 * PostgreSQL (parsed back to numbers, see connect.ts) and INTEGER in SQLite.
 */
export interface Database {
  users: UsersTable;
  workspaces: WorkspacesTable;
  members: MembersTable;
  tokens: TokensTable;
  rows: RowsTable;
  mutations: MutationsTable;
  invites: InvitesTable;
  audit_writes: AuditWritesTable;
  workspace_keys: WorkspaceKeysTable;
}

export interface UsersTable {
  id: string;
  email: string;
  created_at: number;
  /** Set by `user disable`: the user's tokens are refused until `user enable` clears it. */
  disabled_at: number | null;
  /** The name typed when joining by invite; null for users made by the CLI. */
  name: string | null;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: number;
  /** The cursor counter: bumped under the row lock by every writing transaction. */
  seq: number;
  /** Highest cursor of a purged tombstone: pulls from before it must resync (410). */
  purged_through: number;
  /** The owners' settings for everyone, as JSON (WorkspaceSettings); null: the defaults. */
  settings: string | null;
}

export interface MembersTable {
  workspace_id: string;
  user_id: string;
  created_at: number;
  /** owner, editor or viewer (see Role in lib/sync/shared/protocol.ts). */
  role: string;
  /** Last request for this workspace, updated at most once a minute. */
  last_seen_at: number | null;
}

export interface TokensTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  hash: string;
  created_at: number;
  revoked_at: number | null;
  /** null: everything the user may do; `dav`: address books and calendars only (server/auth.ts). */
  scope: string | null;
}

export interface RowsTable {
  workspace_id: string;
  tbl: string;
  id: string;
  /** JSON of `{name: {value, hlc}}`; `{}` for a tombstone. */
  fields: string;
  deleted: string | null;
  cursor: number;
  updated_at: number;
  /** The user whose push first created the row (interactions, deals, tasks); null before 0003. */
  author_id: string | null;
  /** Set while the row is private: only this user pulls it. */
  private_to: string | null;
}

/** Mutation ids already applied, so a retried push is applied once. */
export interface MutationsTable {
  workspace_id: string;
  client_id: string;
  mutation_id: string;
  applied_at: number;
}

/** A single-use invite: the code's SHA-256 only. */
export interface InvitesTable {
  hash: string;
  workspace_id: string;
  role: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
}

/**
 * One accepted row write, kept for AUDIT_DAYS: the fields it won (or AUDIT_DELETED) with their
 * stamps, as JSON `{field: hlc}` (migration 0007; before it, one row per field).
 */
export interface AuditWritesTable {
  workspace_id: string;
  tbl: string;
  row_id: string;
  user_id: string;
  at: number;
  fields: string;
}

/**
 * An encrypted workspace's key envelopes (issue 19): the workspace key wrapped by a key derived
 * from the passphrase, as the browser made it. The server can read none of it; it stores and
 * hands out the JSON (lib/sync/shared/key-envelope.ts).
 */
export interface WorkspaceKeysTable {
  workspace_id: string;
  key_id: string;
  /** The envelope as JSON text, checked with KeyEnvelope before it is stored. */
  envelope: string;
  created_at: number;
  updated_at: number;
}
