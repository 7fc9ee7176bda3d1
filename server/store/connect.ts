import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { Database } from './schema';

export type Backend = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  backend: Backend;
  close(): Promise<void>;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export interface ConnectOptions {
  /**
   * SQLite only. `full` (default): a commit is on disk before the push is acknowledged, even
   * across a power cut. `normal`: commits skip fsync (WAL still survives a killed process), faster
   * on slow disks, but a power cut can lose the last acknowledged pushes.
   */
  sqliteSync?: 'full' | 'normal';
}

/** A postgres:// URL opens PostgreSQL; anything else is the path of a SQLite file. */
export function connect(location: string, options: ConnectOptions = {}): Connection {
  return isPostgresUrl(location) ? connectPostgres(location) : connectSqlite(location, options.sqliteSync ?? 'full');
}

function connectSqlite(path: string, synchronous: 'full' | 'normal'): Connection {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  // WAL: readers never block the writer. busy_timeout: a second process (the CLI) waits, not fails.
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  // Freed cells are zeroed: a value replaced by its ciphertext (or a deleted row) leaves no
  // plaintext behind in the file's free pages (issue 19). Costs writes; see server/README.md.
  database.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, backend: 'sqlite', close: () => db.destroy() };
}

const INT8_OID = 20;

function connectPostgres(url: string): Connection {
  // Cursors and times are bigint; pg returns those as strings unless told otherwise. They stay
  // below 2^53, so numbers are exact. Set on this pool only, not on the global pg.types.
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types, application_name: 'sidebar-crm-sync' });
  // An idle client losing its connection (a database restart) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, backend: 'postgres', close: () => db.destroy() };
}
