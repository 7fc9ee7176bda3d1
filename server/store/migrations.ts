import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Database } from './schema';

/**
 * Schema migrations, one list for SQLite and PostgreSQL: only types both understand (text,
 * bigint) and Kysely's schema builder, so the same statements run on either. Never edit a
 * migration that has shipped; add the next one.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('email', 'text', (col) => col.notNull().unique())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('workspaces')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('seq', 'bigint', (col) => col.notNull().defaultTo(0))
        .addColumn('purged_through', 'bigint', (col) => col.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('members')
        .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('members_pk', ['workspace_id', 'user_id'])
        .execute();
      await db.schema.createIndex('members_user').on('members').column('user_id').execute();
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
        .addColumn('hash', 'text', (col) => col.notNull().unique())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createTable('rows')
        .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('tbl', 'text', (col) => col.notNull())
        .addColumn('id', 'text', (col) => col.notNull())
        .addColumn('fields', 'text', (col) => col.notNull())
        .addColumn('deleted', 'text')
        .addColumn('cursor', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('rows_pk', ['workspace_id', 'tbl', 'id'])
        .execute();
      await db.schema.createIndex('rows_cursor').on('rows').columns(['workspace_id', 'cursor']).unique().execute();
      await db.schema
        .createIndex('rows_tombstones')
        .on('rows')
        .columns(['workspace_id', 'updated_at'])
        .where(sql.ref('deleted'), 'is not', null)
        .execute();
      await db.schema
        .createTable('mutations')
        .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('client_id', 'text', (col) => col.notNull())
        .addColumn('mutation_id', 'text', (col) => col.notNull())
        .addColumn('applied_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('mutations_pk', ['workspace_id', 'client_id', 'mutation_id'])
        .execute();
      // The purge forgets old mutation ids across all workspaces at once.
      await db.schema.createIndex('mutations_applied').on('mutations').column('applied_at').execute();
    },
  },
  // A disabled user's tokens stop working at once and no new token is made for them (`user
  // disable`), without deleting anything: `user enable` undoes it.
  '0002_user_disabled': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('disabled_at', 'bigint').execute();
    },
  },
  /**
   * Teams (issue 18). Roles per membership: each workspace's first member (the user `user add`
   * made it for) becomes its owner, and everyone added later by `workspace share` an editor: they
   * keep reading and writing as before, but only the creator manages members and invites, which
   * nobody could do before. Every workspace thus starts with exactly one owner.
   * Invites keep only the code's hash. Rows remember their author and, while private, whom they
   * are private to (pull filters on it). The audit log keeps who wrote which field when.
   */
  '0003_teams': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('members').addColumn('role', 'text', (col) => col.notNull().defaultTo('editor')).execute();
      await db.schema.alterTable('members').addColumn('last_seen_at', 'bigint').execute();
      await sql`UPDATE members SET role = 'owner' WHERE user_id = (
        SELECT first.user_id FROM members AS first WHERE first.workspace_id = members.workspace_id
        ORDER BY first.created_at, first.user_id LIMIT 1)`.execute(db);
      await db.schema.alterTable('users').addColumn('name', 'text').execute();
      await db.schema
        .createTable('invites')
        .addColumn('hash', 'text', (col) => col.primaryKey())
        .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('role', 'text', (col) => col.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('expires_at', 'bigint', (col) => col.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('used_by', 'text')
        .execute();
      await db.schema.alterTable('rows').addColumn('author_id', 'text').execute();
      await db.schema.alterTable('rows').addColumn('private_to', 'text').execute();
      await db.schema
        .createTable('audit')
        .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('tbl', 'text', (col) => col.notNull())
        .addColumn('row_id', 'text', (col) => col.notNull())
        .addColumn('field', 'text', (col) => col.notNull())
        .addColumn('user_id', 'text', (col) => col.notNull())
        .addColumn('hlc', 'text', (col) => col.notNull())
        .addColumn('at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('audit_row').on('audit').columns(['workspace_id', 'tbl', 'row_id']).execute();
      await db.schema.createIndex('audit_at').on('audit').column('at').execute();
    },
  },
  /**
   * End-to-end encrypted workspaces (issue 19): the key envelopes a browser stores for the
   * others (wrapped keys only; nothing here decrypts anything).
   */
  '0004_workspace_keys': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('workspace_keys')
        .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('key_id', 'text', (col) => col.notNull())
        .addColumn('envelope', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .addPrimaryKeyConstraint('workspace_keys_pk', ['workspace_id', 'key_id'])
        .execute();
    },
  },
  /** Workspace settings owners choose for every member (issue 18: captured emails private or team). */
  '0005_workspace_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('workspaces').addColumn('settings', 'text').execute();
    },
  },
  /** Tokens for one purpose (issue 20): `token add EMAIL --scope dav`, an app password for DAV clients. */
  '0006_token_scope': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('tokens').addColumn('scope', 'text').execute();
    },
  },
  /**
   * The audit log keeps one entry per accepted row write, listing its fields and their stamps,
   * instead of one per field (issue 24): a contact's first push wrote seven audit rows, each with
   * two index entries, which took about as long as the rest of the push's storage together.
   * Existing entries move over, one field each; field names and stamps are JSON-safe by their
   * own rules (FieldName, HLC_PATTERN), so plain string concatenation builds the same JSON on
   * both engines.
   */
  '0007_audit_per_write': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_writes')
        .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('tbl', 'text', (col) => col.notNull())
        .addColumn('row_id', 'text', (col) => col.notNull())
        .addColumn('user_id', 'text', (col) => col.notNull())
        .addColumn('at', 'bigint', (col) => col.notNull())
        .addColumn('fields', 'text', (col) => col.notNull())
        .execute();
      await sql`INSERT INTO audit_writes (workspace_id, tbl, row_id, user_id, at, fields)
        SELECT workspace_id, tbl, row_id, user_id, at, '{"' || field || '":"' || hlc || '"}' FROM audit`.execute(db);
      await db.schema.dropTable('audit').execute();
      await db.schema.createIndex('audit_writes_row').on('audit_writes').columns(['workspace_id', 'tbl', 'row_id']).execute();
      await db.schema.createIndex('audit_writes_at').on('audit_writes').column('at').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date (or, for tests of an upgrade, up to the named migration); safe
 * when several processes start at once (Kysely locks).
 */
export async function migrateToLatest(db: Kysely<Database>, upTo?: string): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await (upTo === undefined ? migrator.migrateToLatest() : migrator.migrateTo(upTo));
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed`, { cause: error });
  }
}
