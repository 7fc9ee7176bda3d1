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
}

export interface UsersTable {
  id: string;
  email: string;
  created_at: number;
  /** Set by `user disable`: the user's tokens are refused until `user enable` clears it. */
  disabled_at: number | null;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: number;
  /** The cursor counter: bumped under the row lock by every writing transaction. */
  seq: number;
  /** Highest cursor of a purged tombstone: pulls from before it must resync (410). */
  purged_through: number;
}

export interface MembersTable {
  workspace_id: string;
  user_id: string;
  created_at: number;
}

export interface TokensTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  hash: string;
  created_at: number;
  revoked_at: number | null;
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
}

/** Mutation ids already applied, so a retried push is applied once. */
export interface MutationsTable {
  workspace_id: string;
  client_id: string;
  mutation_id: string;
  applied_at: number;
}
