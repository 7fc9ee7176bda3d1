import { type Transaction, sql } from 'kysely';
import type { Connection } from './connect';
import type { Database } from './schema';

/**
 * PostgreSQL (and the pg-wire distributed engines) may abort a transaction with a serialization
 * failure or a deadlock that succeeds when simply run again; SQLite reports a writer from another
 * process that outlasted busy_timeout. Those are retried, with jitter; anything else is thrown.
 */
const RETRYABLE = new Set(['40001', '40P01', 'SQLITE_BUSY']);
const ATTEMPTS = 5;

export async function inTransaction<T>(conn: Connection, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await conn.db.transaction().execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/**
 * Locks a workspace's counter row (a no-op update) for the rest of the transaction: writers of one
 * workspace then run one after another. Answers its counter and purge horizon, or undefined when
 * there is no such workspace.
 */
export async function lockWorkspace(trx: Transaction<Database>, workspace: string): Promise<{ seq: number; purged_through: number } | undefined> {
  return trx
    .updateTable('workspaces')
    .set({ seq: sql<number>`seq` })
    .where('id', '=', workspace)
    .returning(['seq', 'purged_through'])
    .executeTakeFirst();
}
