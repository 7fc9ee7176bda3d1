import { type Transaction, sql } from 'kysely';
import { type RowState, mergeRow } from '../../lib/sync/shared/merge';
import type { PushChange, SyncTable } from '../../lib/sync/shared/protocol';
import type { Connection } from './connect';
import type { Database } from './schema';
import { inTransaction } from './transaction';

/** Push, pull and purge: the sync data path, the same statements on SQLite and PostgreSQL. */

/** Ids per `IN (…)` and rows per multi-row insert: far below both engines' parameter limits. */
const CHUNK = 500;

type Trx = Transaction<Database>;

interface Keyed {
  table: SyncTable;
  id: string;
  row: RowState;
}

/**
 * Applies a push in one transaction and answers the workspace cursor after it. The first
 * statement bumps (locks) the workspace's counter row, so writers of one workspace run one after
 * another and each hands out cursors above all committed ones: a puller can never see cursor 7
 * committed before cursor 6, which a database sequence would allow.
 */
export async function applyPush(conn: Connection, workspace: string, clientId: string, changes: readonly PushChange[], now: number): Promise<number> {
  return inTransaction(conn, async (trx) => {
    const locked = await trx
      .updateTable('workspaces')
      .set({ seq: sql<number>`seq` })
      .where('id', '=', workspace)
      .returning('seq')
      .executeTakeFirstOrThrow();
    let seq = locked.seq;
    const fresh = await unapplied(trx, workspace, clientId, changes);
    if (fresh.length === 0) return seq;

    const stored = await loadRows(trx, workspace, fresh);
    const touched = new Map<string, Keyed>();
    for (const change of fresh) {
      const key = rowKey(change.table, change.id);
      const { row, changed } = mergeRow(touched.get(key)?.row ?? stored.get(key), change);
      if (changed) touched.set(key, { table: change.table, id: change.id, row });
    }

    const written = [...touched.values()].map(({ table, id, row }) => ({
      workspace_id: workspace,
      tbl: table,
      id,
      fields: JSON.stringify(row.fields),
      deleted: row.deleted ?? null,
      cursor: ++seq,
      updated_at: now,
    }));
    for (const chunk of chunks(written)) {
      await trx
        .insertInto('rows')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'tbl', 'id']).doUpdateSet((eb) => ({
            fields: eb.ref('excluded.fields'),
            deleted: eb.ref('excluded.deleted'),
            cursor: eb.ref('excluded.cursor'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    const applied = fresh.map((change) => ({ workspace_id: workspace, client_id: clientId, mutation_id: change.mutationId, applied_at: now }));
    for (const chunk of chunks(applied)) await trx.insertInto('mutations').values(chunk).execute();
    if (written.length > 0) await trx.updateTable('workspaces').set({ seq }).where('id', '=', workspace).execute();
    return seq;
  });
}

/** Changes whose mutation id was never applied, each once (a push may repeat one). */
async function unapplied(trx: Trx, workspace: string, clientId: string, changes: readonly PushChange[]): Promise<PushChange[]> {
  const seen = new Set<string>();
  for (const chunk of chunks(changes.map((change) => change.mutationId))) {
    const rows = await trx
      .selectFrom('mutations')
      .select('mutation_id')
      .where('workspace_id', '=', workspace)
      .where('client_id', '=', clientId)
      .where('mutation_id', 'in', chunk)
      .execute();
    for (const row of rows) seen.add(row.mutation_id);
  }
  return changes.filter((change) => {
    if (seen.has(change.mutationId)) return false;
    seen.add(change.mutationId);
    return true;
  });
}

async function loadRows(trx: Trx, workspace: string, changes: readonly PushChange[]): Promise<Map<string, RowState>> {
  const idsByTable = new Map<SyncTable, Set<string>>();
  for (const change of changes) {
    const ids = idsByTable.get(change.table) ?? new Set<string>();
    ids.add(change.id);
    idsByTable.set(change.table, ids);
  }
  const rows = new Map<string, RowState>();
  for (const [table, ids] of idsByTable) {
    for (const chunk of chunks([...ids])) {
      const found = await trx
        .selectFrom('rows')
        .select(['id', 'fields', 'deleted'])
        .where('workspace_id', '=', workspace)
        .where('tbl', '=', table)
        .where('id', 'in', chunk)
        .execute();
      for (const row of found) rows.set(rowKey(table, row.id), toRowState(row.fields, row.deleted));
    }
  }
  return rows;
}

export interface StoredRow {
  table: SyncTable;
  id: string;
  /** JSON text of the fields, passed to the reply as it is stored. */
  fieldsJson: string;
  deleted: string | null;
  cursor: number;
}

export type PullResult = { gone: true } | { gone: false; rows: StoredRow[]; cursor: number; hasMore: boolean };

/**
 * Rows changed after `since`, in cursor order. The purge horizon is read after the rows: a purge
 * that commits before the row query is then seen (410), and one that commits after it cannot
 * have hidden a tombstone from this page.
 */
export async function pullRows(conn: Connection, workspace: string, since: number, limit: number): Promise<PullResult> {
  const found = await conn.db
    .selectFrom('rows')
    .select(['tbl', 'id', 'fields', 'deleted', 'cursor'])
    .where('workspace_id', '=', workspace)
    .where('cursor', '>', since)
    .orderBy('cursor')
    .limit(limit + 1)
    .execute();
  const state = await conn.db.selectFrom('workspaces').select(['seq', 'purged_through']).where('id', '=', workspace).executeTakeFirstOrThrow();
  // since=0 is the full resync, always allowed. A cursor past the counter comes from another
  // database (a restore from backup): the client's copy cannot be trusted either.
  if (since > 0 && (since < state.purged_through || since > state.seq)) return { gone: true };
  const page = found.slice(0, limit);
  const rows = page.map((row) => ({ table: row.tbl as SyncTable, id: row.id, fieldsJson: row.fields, deleted: row.deleted, cursor: row.cursor }));
  return { gone: false, rows, cursor: page.at(-1)?.cursor ?? since, hasMore: found.length > limit };
}

/**
 * Forgets tombstones and applied mutation ids older than the horizon. Each workspace's purge runs
 * under its counter-row lock and raises its `purged_through`, so a client whose cursor is older
 * than a purged tombstone is told to resync instead of silently keeping the deleted row.
 */
export async function purgeExpired(conn: Connection, horizonMs: number, now: number): Promise<{ tombstones: number; mutations: number }> {
  const cutoff = now - horizonMs;
  const workspaces = await conn.db
    .selectFrom('rows')
    .select('workspace_id')
    .distinct()
    .where('deleted', 'is not', null)
    .where('updated_at', '<', cutoff)
    .execute();
  let tombstones = 0;
  for (const { workspace_id: workspace } of workspaces) {
    tombstones += await inTransaction(conn, async (trx) => {
      const locked = await trx
        .updateTable('workspaces')
        .set({ seq: sql<number>`seq` })
        .where('id', '=', workspace)
        .returning('purged_through')
        .executeTakeFirstOrThrow();
      const top = await trx
        .selectFrom('rows')
        .select((eb) => [eb.fn.max('cursor').as('top'), eb.fn.countAll().as('count')])
        .where('workspace_id', '=', workspace)
        .where('deleted', 'is not', null)
        .where('updated_at', '<', cutoff)
        .executeTakeFirstOrThrow();
      if (top.top === null) return 0;
      await trx
        .deleteFrom('rows')
        .where('workspace_id', '=', workspace)
        .where('deleted', 'is not', null)
        .where('updated_at', '<', cutoff)
        .execute();
      const purgedThrough = Math.max(locked.purged_through, Number(top.top));
      await trx.updateTable('workspaces').set({ purged_through: purgedThrough }).where('id', '=', workspace).execute();
      return Number(top.count);
    });
  }
  const removed = await conn.db.deleteFrom('mutations').where('applied_at', '<', cutoff).executeTakeFirst();
  return { tombstones, mutations: Number(removed.numDeletedRows) };
}

function toRowState(fieldsJson: string, deleted: string | null): RowState {
  const fields = JSON.parse(fieldsJson) as RowState['fields'];
  return deleted === null ? { fields } : { fields, deleted };
}

function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}
