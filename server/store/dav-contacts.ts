/**
 * What the CardDAV address book reads (issue 20): a workspace's live contacts as stored rows, by
 * id, and the changes since a cursor for sync-collection. A contact is live when it is neither
 * deleted (a tombstone) nor trashed (`deletedAt`), and visible to the member (not private to
 * someone else). The deciding about vCards and ETags is in ../dav/contact-vcard.ts.
 */
import { randomUUID } from 'node:crypto';
import type { JsonValue } from '../../lib/sync/shared/protocol';
import type { DavClock } from '../dav/dav-clock';
import type { StoredFields } from '../dav/contact-vcard';
import type { DavContactRow, RowVersions } from '../dav/row-versions';
import type { Connection } from './connect';
import { pushIn } from './sync';
import { inTransaction, lockWorkspace } from './transaction';

export type { DavContactRow } from '../dav/row-versions';

export type DavChanges = { gone: true } | { gone: false; cursor: number; changed: DavContactRow[]; removed: string[] };

const CHUNK = 500;

function contactRows(conn: Connection, workspace: string, member: string) {
  return conn.db
    .selectFrom('rows')
    .where('workspace_id', '=', workspace)
    .where('tbl', '=', 'contacts')
    .where('deleted', 'is', null)
    .where((eb) => eb.or([eb('private_to', 'is', null), eb('private_to', '=', member)]));
}

/** Stored rows → the address book's view of them (parsed only when not seen at this cursor). */
const davRows = (versions: RowVersions, workspace: string, rows: ReadonlyArray<{ id: string; cursor: number | string | bigint; fields: string }>): DavContactRow[] =>
  rows.map((row) => versions.row(workspace, row.id, Number(row.cursor), row.fields));

/** Past this share of rows not seen at their cursor, one read with every row's fields beats two reads. */
const MOSTLY_NEW = 0.5;

/**
 * Rows listed by id and cursor (in that order) as the address book sees them: the ones seen at
 * that cursor from RowVersions, without their fields; the others read again with their fields,
 * by id. A row written between the two reads comes as it is at the second; one deleted or hidden
 * meanwhile is left out.
 */
async function withVersions(
  conn: Connection,
  versions: RowVersions,
  workspace: string,
  member: string,
  listed: ReadonlyArray<{ id: string; cursor: number | string | bigint }>,
  known = listed.map((row) => versions.known(workspace, row.id, Number(row.cursor))),
): Promise<DavContactRow[]> {
  const unseen = listed.flatMap((row, index) => (known[index] === undefined ? [row.id] : []));
  if (unseen.length === 0) return known as DavContactRow[];
  const read = new Map((await rowsWithFields(conn, versions, workspace, member, unseen)).map((row) => [row.id, row]));
  return listed.flatMap((row, index) => {
    const found = known[index] ?? read.get(row.id);
    return found ? [found] : [];
  });
}

/** The rows among these ids with their fields, in no particular order. */
async function rowsWithFields(conn: Connection, versions: RowVersions, workspace: string, member: string, ids: readonly string[]): Promise<DavContactRow[]> {
  const found: DavContactRow[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = await contactRows(conn, workspace, member).select(['id', 'cursor', 'fields']).where('id', 'in', ids.slice(start, start + CHUNK)).execute();
    found.push(...davRows(versions, workspace, rows));
  }
  return found;
}

/** The workspace's cursor: what a sync token made now names. */
export async function workspaceCursor(conn: Connection, workspace: string): Promise<number> {
  const row = await conn.db.selectFrom('workspaces').select('seq').where('id', '=', workspace).executeTakeFirstOrThrow();
  return Number(row.seq);
}

/**
 * Every live contact the member sees, in id order. Rows seen before at their cursor come without
 * their fields (DavContactRow.hasFields false: read them with liveContactsById's `fields` before
 * rendering a card they have none remembered for).
 */
export async function liveContacts(conn: Connection, versions: RowVersions, workspace: string, member: string): Promise<DavContactRow[]> {
  const listed = await contactRows(conn, workspace, member).select(['id', 'cursor']).orderBy('id').execute();
  const known = listed.map((row) => versions.known(workspace, row.id, Number(row.cursor)));
  const unseen = known.reduce((count, row) => count + (row === undefined ? 1 : 0), 0);
  if (unseen > listed.length * MOSTLY_NEW) {
    // Mostly new to the address book (its first client): every row's fields in one read.
    const rows = await contactRows(conn, workspace, member).select(['id', 'cursor', 'fields']).orderBy('id').execute();
    return davRows(versions, workspace, rows).filter((row) => !row.trashed);
  }
  return (await withVersions(conn, versions, workspace, member, listed, known)).filter((row) => !row.trashed);
}

/**
 * The live contacts among these ids (unknown, deleted, trashed and invisible ones left out), in
 * no particular order: with their fields when `fields`, else as liveContacts lists them.
 */
export async function liveContactsById(
  conn: Connection,
  versions: RowVersions,
  workspace: string,
  member: string,
  ids: readonly string[],
  fields = false,
): Promise<DavContactRow[]> {
  const unique = [...new Set(ids)];
  if (fields) return (await rowsWithFields(conn, versions, workspace, member, unique)).filter((row) => !row.trashed);
  const listed: Array<{ id: string; cursor: number | string | bigint }> = [];
  for (let start = 0; start < unique.length; start += CHUNK) {
    listed.push(...(await contactRows(conn, workspace, member).select(['id', 'cursor']).where('id', 'in', unique.slice(start, start + CHUNK)).execute()));
  }
  return (await withVersions(conn, versions, workspace, member, listed)).filter((row) => !row.trashed);
}

/**
 * The contacts changed after `since`: live ones, and removed ones (deleted, trashed) by id, with
 * the cursor to hand out next. The cursor is read before the rows, so a write committing meanwhile
 * is at worst reported twice, never skipped; the purge horizon is read after them, as pullRows
 * does (./sync.ts), so a purge that hid a tombstone from this answer is seen. A cursor from
 * before the horizon, or past the counter (another database), is gone: the client resyncs.
 */
export async function contactChanges(conn: Connection, versions: RowVersions, workspace: string, member: string, since: number): Promise<DavChanges> {
  const cursor = await workspaceCursor(conn, workspace);
  // Private rows too: a contact gone private to someone else is removed from this member's book.
  const rows = await conn.db
    .selectFrom('rows')
    .select(['id', 'cursor', 'fields', 'deleted', 'private_to'])
    .where('workspace_id', '=', workspace)
    .where('tbl', '=', 'contacts')
    .where('cursor', '>', since)
    .orderBy('cursor')
    .execute();
  const state = await conn.db.selectFrom('workspaces').select('purged_through').where('id', '=', workspace).executeTakeFirstOrThrow();
  if (since > 0 && (since < Number(state.purged_through) || since > cursor)) return { gone: true };
  const changed: DavContactRow[] = [];
  const removed: string[] = [];
  for (const row of rows) {
    const visible = row.deleted === null && (row.private_to === null || row.private_to === member);
    const live = visible ? versions.row(workspace, row.id, Number(row.cursor), row.fields) : undefined;
    if (live === undefined || live.trashed) removed.push(row.id);
    else changed.push(live);
  }
  return { gone: false, cursor, changed, removed };
}

/** What the address book finds at a contact's id before a write: nothing, a tombstone, or the row. */
export type DavTarget = { kind: 'none' } | { kind: 'tombstone' } | { kind: 'row'; fields: StoredFields };

/** What a write decides, given the target: the field values to write, or a refusal. */
export type DavDecision = { write: Record<string, JsonValue> } | { refuse: { status: 403 | 404 | 409 | 412; reason: string } };

export type DavWriteResult = { written: boolean; cursor?: number } | { refuse: { status: 403 | 404 | 409 | 412; reason: string } };

/** The client id the address book's writes are recorded under (each write has a fresh mutation id). */
const DAV_CLIENT = 'carddav';

/**
 * A client's write to one contact (PUT or DELETE through CardDAV): the contact is read, the
 * decision made (preconditions such as If-Match included) and the fields pushed in one
 * transaction that holds the workspace's lock, so no other write lands between the check and
 * the write. The fields are stamped by the server's clock after every stamp of the row, and go
 * through the same push as a browser's (merge, audit, cursor).
 */
export async function writeContact(
  conn: Connection,
  workspace: string,
  member: string,
  id: string,
  clock: DavClock,
  decide: (target: DavTarget) => DavDecision,
  now: number,
): Promise<DavWriteResult> {
  return inTransaction(conn, async (trx) => {
    if (!(await lockWorkspace(trx, workspace))) throw new Error('write to a workspace that does not exist');
    const row = await trx
      .selectFrom('rows')
      .select(['fields', 'deleted'])
      .where('workspace_id', '=', workspace)
      .where('tbl', '=', 'contacts')
      .where('id', '=', id)
      .executeTakeFirst();
    const stored = row && row.deleted === null ? (JSON.parse(row.fields) as StoredFields) : undefined;
    const target: DavTarget = !row ? { kind: 'none' } : stored ? { kind: 'row', fields: stored } : { kind: 'tombstone' };
    const decision = decide(target);
    if ('refuse' in decision) return decision;
    if (Object.keys(decision.write).length === 0) return { written: false };
    const stamps = Object.values(stored ?? {}).flatMap((write) => (typeof write.hlc === 'string' ? [write.hlc] : []));
    const hlc = clock.stampAfter(stamps, now);
    const fields = Object.fromEntries(Object.entries(decision.write).map(([name, value]) => [name, { value, hlc }]));
    const pushed = await pushIn(trx, workspace, member, DAV_CLIENT, [{ mutationId: randomUUID(), table: 'contacts', id, fields }], now);
    const [refused] = pushed.refused;
    if (refused) return { refuse: { status: 403, reason: refused.reason } };
    return { written: true, cursor: pushed.cursor };
  });
}
