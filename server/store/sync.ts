import type { Transaction } from 'kysely';
import { type FieldWrite, type RowChange, type RowState, canonicalJson, mergeRow } from '../../lib/sync/shared/merge';
import { AUDIT_DAYS, AUDIT_DELETED, type AuditEntry, type PushChange, type RejectedChange, type SyncTable, visibilityOf } from '../../lib/sync/shared/protocol';
import type { Connection } from './connect';
import type { Database } from './schema';
import { inTransaction, lockWorkspace } from './transaction';

/** Push, pull and purge: the sync data path, the same statements on SQLite and PostgreSQL. */

/** Ids per `IN (…)` and rows per multi-row insert: far below both engines' parameter limits. */
const CHUNK = 500;

type Trx = Transaction<Database>;

/** Tables whose rows record the member who created them (`authorId`, stamped here). */
const AUTHORED: ReadonlySet<SyncTable> = new Set(['interactions', 'deals', 'tasks']);
/** Tables whose rows may be private to their author (`visibility`). */
const PRIVATE_CAPABLE: ReadonlySet<SyncTable> = new Set(['interactions']);

/** What the server knows of a row besides its fields: who wrote it first, and whom it is private to. */
interface RowMeta {
  author: string | null;
  privateTo: string | null;
}

interface Keyed {
  table: SyncTable;
  id: string;
  row: RowState;
  meta: RowMeta;
}

export interface PushResult {
  cursor: number;
  /** Changes refused for who sent them (a private row of someone else, say), with the reason. */
  refused: RejectedChange[];
}

/**
 * Applies a push in one transaction and answers the workspace cursor after it. The first
 * statement bumps (locks) the workspace's counter row, so writers of one workspace run one after
 * another and each hands out cursors above all committed ones: a puller can never see cursor 7
 * committed before cursor 6, which a database sequence would allow.
 *
 * `member` is the caller, from the token: it becomes `authorId` of the rows it creates, the only
 * one who sees and changes them while private, and the member of every audit entry.
 */
export async function applyPush(
  conn: Connection,
  workspace: string,
  member: string,
  clientId: string,
  changes: readonly PushChange[],
  now: number,
): Promise<PushResult> {
  return inTransaction(conn, (trx) => pushIn(trx, workspace, member, clientId, changes, now));
}

/**
 * A push inside a transaction the caller holds: the address book's writes (./dav-contacts.ts)
 * read a contact, decide, and push in one transaction, so no write slips between.
 */
export async function pushIn(trx: Trx, workspace: string, member: string, clientId: string, changes: readonly PushChange[], now: number): Promise<PushResult> {
  const locked = await lockWorkspace(trx, workspace);
  if (!locked) throw new Error('push to a workspace that does not exist');
  let seq = locked.seq;
  const fresh = await unapplied(trx, workspace, clientId, changes);
  if (fresh.length === 0) return { cursor: seq, refused: [] };

  const stored = await loadRows(trx, workspace, fresh);
  const touched = new Map<string, Keyed>();
  const refused: RejectedChange[] = [];
  const audit: AuditRow[] = [];
  for (const change of fresh) {
    const key = rowKey(change.table, change.id);
    const before = touched.get(key) ?? stored.get(key);
    const authored = authoredChange(change, before, member);
    if (typeof authored === 'string') {
      refused.push({ mutationId: change.mutationId, reason: authored });
      continue;
    }
    if (authored === undefined) continue;
    const { row, changed } = mergeRow(before?.row, authored);
    if (!changed) continue;
    const meta = metaAfter(change.table, before?.meta, row, member);
    touched.set(key, { table: change.table, id: change.id, row, meta });
    const won = writtenFields(before?.row, row, authored);
    if (won.length > 0) {
      audit.push({ workspace_id: workspace, tbl: change.table, row_id: change.id, user_id: member, at: now, fields: JSON.stringify(Object.fromEntries(won)) });
    }
  }

  const written = [...touched.values()].map(({ table, id, row, meta }) => ({
    workspace_id: workspace,
    tbl: table,
    id,
    fields: JSON.stringify(row.fields),
    deleted: row.deleted ?? null,
    cursor: ++seq,
    updated_at: now,
    author_id: meta.author,
    private_to: meta.privateTo,
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
          author_id: eb.ref('excluded.author_id'),
          private_to: eb.ref('excluded.private_to'),
        })),
      )
      .execute();
  }
  for (const chunk of chunks(audit)) await trx.insertInto('audit_writes').values(chunk).execute();
  // A refused change is not applied: a retry of it is refused again, not skipped as done.
  const refusedIds = new Set(refused.map((entry) => entry.mutationId));
  const applied = fresh
    .filter((change) => !refusedIds.has(change.mutationId))
    .map((change) => ({ workspace_id: workspace, client_id: clientId, mutation_id: change.mutationId, applied_at: now }));
  for (const chunk of chunks(applied)) await trx.insertInto('mutations').values(chunk).execute();
  if (written.length > 0) await trx.updateTable('workspaces').set({ seq }).where('id', '=', workspace).execute();
  return { cursor: seq, refused };
}

type AuditRow = Database['audit_writes'];

/**
 * The change as the server applies it for this member, or why it is refused:
 * - `authorId` is never taken from a client: dropped from every change, and set to the member on
 *   the change that first creates the row (stamped with that change's newest stamp);
 * - a private row is someone else's: refused, so a member cannot write blind into another's
 *   private history (nor delete it);
 * - only the author switches `visibility`; someone else's write of the value it already has (a
 *   row re-sent as a whole) is dropped rather than refused.
 */
function authoredChange(change: PushChange, before: { row: RowState; meta: RowMeta } | undefined, member: string): RowChange | string | undefined {
  const meta = before?.meta ?? { author: null, privateTo: null };
  if (meta.privateTo !== null && meta.privateTo !== member) return `${change.table} row ${change.id} is private to its author`;
  // A tombstone takes nothing but a newer deletion (see mergeRow): no field of it is checked.
  if (before?.row.deleted !== undefined) return change.deleted === undefined ? undefined : { deleted: change.deleted };
  const fields: Record<string, FieldWrite> = { ...change.fields };
  if (AUTHORED.has(change.table)) delete fields.authorId;
  const visibility = fields.visibility;
  if (visibility !== undefined && PRIVATE_CAPABLE.has(change.table) && before !== undefined && meta.author !== member) {
    if (visibilityOf(visibility.value) !== visibilityOf(before.row.fields.visibility?.value)) return `only its author changes the visibility of ${change.table} row ${change.id}`;
    delete fields.visibility;
  }
  if (AUTHORED.has(change.table) && before === undefined && change.deleted === undefined) {
    const newest = Object.values(fields).reduce((top, write) => (write.hlc > top ? write.hlc : top), '');
    if (newest !== '') fields.authorId = { value: member, hlc: newest };
  }
  if (change.deleted === undefined && Object.keys(fields).length === 0) return undefined;
  return change.deleted === undefined ? { fields } : { fields, deleted: change.deleted };
}

/** The row's author (set once, by the push that created it) and, while it is private, its reader. */
function metaAfter(table: SyncTable, before: RowMeta | undefined, row: RowState, member: string): RowMeta {
  const author = before === undefined ? (AUTHORED.has(table) && row.deleted === undefined ? member : null) : before.author;
  // A tombstone has no fields left: a private row stays private after its deletion.
  if (row.deleted !== undefined) return { author, privateTo: before?.privateTo ?? null };
  const isPrivate = PRIVATE_CAPABLE.has(table) && author !== null && visibilityOf(row.fields.visibility?.value) === 'private';
  return { author, privateTo: isPrivate ? author : null };
}

/** The fields this change won (and its deletion), as [field, stamp]: what the audit records. */
function writtenFields(before: RowState | undefined, after: RowState, change: RowChange): Array<[string, string]> {
  if (after.deleted !== undefined) return after.deleted === before?.deleted ? [] : [[AUDIT_DELETED, after.deleted]];
  const won: Array<[string, string]> = [];
  for (const [name, write] of Object.entries(change.fields ?? {})) {
    const now = after.fields[name];
    const was = before?.fields[name];
    if (now?.hlc !== write.hlc) continue;
    if (was === undefined || was.hlc !== now.hlc || canonicalJson(was.value) !== canonicalJson(now.value)) won.push([name, write.hlc]);
  }
  return won;
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

async function loadRows(trx: Trx, workspace: string, changes: readonly PushChange[]): Promise<Map<string, { row: RowState; meta: RowMeta }>> {
  const idsByTable = new Map<SyncTable, Set<string>>();
  for (const change of changes) {
    const ids = idsByTable.get(change.table) ?? new Set<string>();
    ids.add(change.id);
    idsByTable.set(change.table, ids);
  }
  const rows = new Map<string, { row: RowState; meta: RowMeta }>();
  for (const [table, ids] of idsByTable) {
    for (const chunk of chunks([...ids])) {
      const found = await trx
        .selectFrom('rows')
        .select(['id', 'fields', 'deleted', 'author_id', 'private_to'])
        .where('workspace_id', '=', workspace)
        .where('tbl', '=', table)
        .where('id', 'in', chunk)
        .execute();
      for (const row of found) {
        rows.set(rowKey(table, row.id), { row: toRowState(row.fields, row.deleted), meta: { author: row.author_id, privateTo: row.private_to } });
      }
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
 * Rows changed after `since`, in cursor order, that this member may see: a row private to someone
 * else is left out of the page, yet the page's cursor still moves past it, so paging neither
 * stalls nor skips. A row switched back to team is written at a new cursor (every change is), so
 * it reaches members whose cursor had passed its private changes.
 *
 * The purge horizon is read after the rows: a purge that commits before the row query is then
 * seen (410), and one that commits after it cannot have hidden a tombstone from this page.
 */
export async function pullRows(conn: Connection, workspace: string, member: string, since: number, limit: number): Promise<PullResult> {
  const found = await conn.db
    .selectFrom('rows')
    .select(['tbl', 'id', 'deleted', 'cursor', 'private_to'])
    // The fields of a row this member may not see never leave the database.
    .select((eb) => eb.case().when(eb.or([eb('private_to', 'is', null), eb('private_to', '=', member)])).then(eb.ref('fields')).else(null).end().as('fields'))
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
  const rows = page
    .filter((row) => row.private_to === null || row.private_to === member)
    .map((row) => ({ table: row.tbl as SyncTable, id: row.id, fieldsJson: row.fields ?? '{}', deleted: row.deleted, cursor: row.cursor }));
  return { gone: false, rows, cursor: page.at(-1)?.cursor ?? since, hasMore: found.length > limit };
}

/**
 * Forgets tombstones, applied mutation ids and invites expired longer ago than the horizon, and
 * audit entries older than AUDIT_DAYS. Each workspace's purge runs
 * under its counter-row lock and raises its `purged_through`, so a client whose cursor is older
 * than a purged tombstone is told to resync instead of silently keeping the deleted row.
 */
export async function purgeExpired(conn: Connection, horizonMs: number, now: number): Promise<{ tombstones: number; mutations: number; audit: number; invites: number }> {
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
      const locked = await lockWorkspace(trx, workspace);
      if (!locked) return 0;
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
  const audited = await conn.db.deleteFrom('audit_writes').where('at', '<', now - AUDIT_DAYS * 86_400_000).executeTakeFirst();
  // An invite can be redeemed only before it expires: after that, and the horizon, nobody needs it.
  const invites = await conn.db.deleteFrom('invites').where('expires_at', '<', cutoff).executeTakeFirst();
  return { tombstones, mutations: Number(removed.numDeletedRows), audit: Number(audited.numDeletedRows), invites: Number(invites.numDeletedRows) };
}

/**
 * The audit entries of one row, newest first. A row private to someone else has none to show:
 * even its field names and times would tell the owner what the author keeps private.
 */
export async function rowAudit(conn: Connection, workspace: string, member: string, table: SyncTable, id: string): Promise<AuditEntry[]> {
  const row = await conn.db.selectFrom('rows').select('private_to').where('workspace_id', '=', workspace).where('tbl', '=', table).where('id', '=', id).executeTakeFirst();
  if (row?.private_to != null && row.private_to !== member) return [];
  // The newest AUDIT_LIMIT writes hold at least the newest AUDIT_LIMIT entries (a write has one or more).
  const writes = await conn.db
    .selectFrom('audit_writes')
    .select(['fields', 'user_id', 'at'])
    .where('workspace_id', '=', workspace)
    .where('tbl', '=', table)
    .where('row_id', '=', id)
    .orderBy('at', 'desc')
    .limit(AUDIT_LIMIT)
    .execute();
  const entries = writes.flatMap((write) =>
    Object.entries(JSON.parse(write.fields) as Record<string, string>).map(([field, hlc]) => ({ field, member: write.user_id, hlc, at: write.at })),
  );
  entries.sort((a, b) => b.at - a.at || (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0) || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  return entries.slice(0, AUDIT_LIMIT).map((entry) => ({ table, id, field: entry.field, member: entry.member, hlc: entry.hlc, at: new Date(entry.at).toISOString() }));
}

/** Entries one audit reply holds at most (a row edited all day for 90 days stays answerable). */
const AUDIT_LIMIT = 1000;

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
