/**
 * Re-encoding stored values in place (issue 19: turning end-to-end encryption on or off, rotating
 * the key). A value is replaced only while it is still stored under the stamp the browser read it
 * at: a newer write that arrived in between wins, as every write does, and the browser sees it on
 * its next pull. Nothing else moves: no cursor (the value means what it meant, so other browsers
 * need not pull it again), no updated_at, no audit entry, no applied mutation id.
 */
import { sql } from 'kysely';
import { encodingOf, isClearField, type RewriteChange, type RewriteReply } from '../../lib/sync/shared/encryption';
import type { SyncTable } from '../../lib/sync/shared/protocol';
import type { Connection } from './connect';
import { inTransaction, lockWorkspace } from './transaction';

/** Ids per `IN (…)`: far below both engines' parameter limits. */
const CHUNK = 500;

type StoredFields = Record<string, { value: unknown; hlc: string }>;

interface Loaded {
  fields: StoredFields;
  visible: boolean;
  changed: boolean;
}

export async function rewriteValues(conn: Connection, workspace: string, member: string, changes: readonly RewriteChange[]): Promise<RewriteReply> {
  const reply = await inTransaction(conn, async (trx) => {
    // Under the workspace's lock: no push lands between reading a stamp and replacing its value.
    if (!(await lockWorkspace(trx, workspace))) throw new Error('rewrite in a workspace that does not exist');
    const rows = new Map<string, Loaded>();
    for (const [table, ids] of idsByTable(changes)) {
      for (let start = 0; start < ids.length; start += CHUNK) {
        const found = await trx
          .selectFrom('rows')
          .select(['id', 'fields', 'deleted', 'private_to'])
          .where('workspace_id', '=', workspace)
          .where('tbl', '=', table)
          .where('id', 'in', ids.slice(start, start + CHUNK))
          .execute();
        for (const row of found) {
          // A tombstone keeps no values; a row private to someone else is not the caller's to touch.
          const visible = row.deleted === null && (row.private_to === null || row.private_to === member);
          rows.set(rowKey(table, row.id), { fields: JSON.parse(row.fields) as StoredFields, visible, changed: false });
        }
      }
    }

    let rewritten = 0;
    let skipped = 0;
    for (const change of changes) {
      const row = rows.get(rowKey(change.table, change.id));
      for (const [name, write] of Object.entries(change.fields)) {
        const stored = row?.visible ? row.fields[name] : undefined;
        // Clear fields are the server's own (authorId, visibility): never re-encoded.
        // Only a change of encoding (plain or an old key to the target): a value already in the
        // target encoding is not replaced by another, so a rewrite can never edit a value.
        if (!row || stored === undefined || isClearField(change.table, name) || stored.hlc !== write.hlc || encodingOf(stored.value) === encodingOf(write.value)) {
          skipped++;
          continue;
        }
        stored.value = write.value;
        row.changed = true;
        rewritten++;
      }
    }

    for (const [key, row] of rows) {
      if (!row.changed) continue;
      const [table, id] = key.split('\u0000') as [string, string];
      await trx.updateTable('rows').set({ fields: JSON.stringify(row.fields) }).where('workspace_id', '=', workspace).where('tbl', '=', table).where('id', '=', id).execute();
    }
    return { rewritten, skipped };
  });
  // The replaced plaintext is still in the WAL file until a checkpoint copies the pages back and
  // truncates it (secure_delete, set at connect, zeroes what the database file frees).
  if (conn.backend === 'sqlite' && reply.rewritten > 0) await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(conn.db);
  return reply;
}

function idsByTable(changes: readonly RewriteChange[]): Map<SyncTable, string[]> {
  const byTable = new Map<SyncTable, Set<string>>();
  for (const change of changes) byTable.set(change.table, (byTable.get(change.table) ?? new Set<string>()).add(change.id));
  return new Map([...byTable].map(([table, ids]) => [table, [...ids]]));
}

function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}
