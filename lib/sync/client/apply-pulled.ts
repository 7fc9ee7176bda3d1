/**
 * Applies one pulled page to the local tables, with the same per-field merge as the server:
 * the server's row is the join of everything it has seen, so the local row becomes that row
 * merged with whatever this browser still has queued (its outbox entry), which is newer or
 * not yet sent. One Dexie transaction per page, the cursor saved in it; the writes are marked
 * so the outbox does not echo them back.
 */
import Dexie from 'dexie';
import type { CrmDatabase } from '../../db/database';
import type { Interaction } from '../../model';
import { withDerivedKeys } from '../../db/derived-keys';
import { bumpWonDealsRevision } from '../../db/deals';
import { recomputeActivityOf, recordInteractions } from '../../db/activity';
import { markApplyingPulled, observeRemoteStamps } from '../../db/outbox';
import { mergeRow, rowValues } from '../shared/merge';
import type { PulledRow } from '../shared/protocol';
import { SYNC_TABLES, SYNCED_TABLES, type SyncTable } from '../shared/tables';
import type { FirstPullIds } from './first-pull-ids';

export interface AppliedPage {
  written: number;
  deleted: number;
  /** Rows that would not make a valid local row (kept out, counted for the status). */
  invalid: number;
}

type Row = Record<string, unknown>;

/** The local row for the merged values: the old local row's other keys kept, cleared fields dropped. */
function localRow(table: SyncTable, id: string, local: Row | undefined, values: Row): Row | undefined {
  const next: Row = { ...(local ?? {}), id };
  for (const [name, value] of Object.entries(values)) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  const parsed = SYNCED_TABLES[table].model.safeParse(next);
  if (!parsed.success) return undefined;
  return withDerivedKeys(table, parsed.data as Row);
}

/** The stored rows for `ids` (undefined where none); in a first pull, only those that may be stored are read. */
async function storedRows(store: Dexie.Table<Row, string>, table: SyncTable, ids: string[], firstPull: FirstPullIds | undefined): Promise<Array<Row | undefined>> {
  if (!firstPull?.covers(table)) return store.bulkGet(ids);
  const maybe = ids.filter((id) => firstPull.mayBeStored(table, id));
  if (maybe.length === 0) return ids.map(() => undefined);
  const found = await store.bulkGet(maybe);
  const byId = new Map(maybe.map((id, index) => [id, found[index]]));
  return ids.map((id) => byId.get(id));
}

/** What pulled rows become when nothing of them is stored or queued here (see prepareNewRows). */
export type PreparedRows = WeakMap<PulledRow, { values: Row | undefined; row: Row | undefined }>;

/**
 * What each of `rows` that the first pull has not written yet becomes if nothing of it is stored
 * or queued here: its merged values and the local row they make (undefined: deleted on the server,
 * or not a valid row). Pure CPU work, the same applyPulledRows would do: done as a page arrives,
 * while the page before is still being written, it is off the apply's critical path. The apply
 * uses it only for a row it finds neither stored nor queued.
 */
export function prepareNewRows(rows: readonly PulledRow[], firstPull: FirstPullIds | undefined): PreparedRows | undefined {
  if (!firstPull || !rows.some((row) => firstPull.covers(row.table))) return undefined;
  const prepared: PreparedRows = new WeakMap();
  for (const row of rows) {
    if (!firstPull.covers(row.table) || firstPull.mayBeStored(row.table, row.id)) continue;
    const values = rowValues(mergeRow({ fields: row.fields, deleted: row.deleted }, {}).row);
    prepared.set(row, { values, row: values === undefined ? undefined : localRow(row.table, row.id, undefined, values) });
  }
  return prepared;
}

function sameRow(a: Row | undefined, b: Row): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies rows in one transaction; with `cursor`, saves it in the same transaction. A caller may
 * split a page into several calls and save the cursor with the last: re-applying rows after an
 * interruption is harmless (the merge is idempotent, unchanged rows are not rewritten).
 * `firstPull` (a pull into tables that were empty when it began) spares reading back rows it
 * knows are new, as long as nothing is queued: a local write would be in the outbox, since a pull
 * pushes nothing, so an empty outbox means the tables hold only what the pull wrote.
 */
export async function applyPulledRows(
  db: CrmDatabase,
  rows: readonly PulledRow[],
  cursor: { key: string; value: number } | undefined,
  now: number = Date.now(),
  firstPull?: FirstPullIds,
  prepared?: PreparedRows,
): Promise<AppliedPage> {
  const tables = [...SYNC_TABLES.map((table) => db.table(table)), db.outbox, db.meta, db.activity];
  return db.transaction('rw', tables, async () => {
    markApplyingPulled(Dexie.currentTransaction!.idbtrans);
    const result: AppliedPage = { written: 0, deleted: 0, invalid: 0 };
    const touchedContacts = new Set<string>();
    // Interactions new to this browser only add to their contact's facts (recordInteractions),
    // without reading back every interaction of the contact: in a first sync, that read took
    // about a fifth of the apply. Anything else (a changed or deleted row, a deal) recomputes.
    const added: Interaction[] = [];
    let dealsChanged = false;
    const stamps: string[] = [];
    // A row that belongs to a contact (interactions, deals, tasks) changes that contact's facts.
    const touch = (row: Row) => {
      if (typeof row.contactId === 'string') touchedContacts.add(row.contactId);
    };
    const byTable = new Map<SyncTable, PulledRow[]>();
    for (const row of rows) {
      const list = byTable.get(row.table);
      if (list) list.push(row);
      else byTable.set(row.table, [row]);
    }
    // Nothing queued (always, in a first sync of a new profile): no outbox entry to read per row.
    // The count holds for the whole transaction, since writes marked as pulled queue nothing.
    const outboxEmpty = (await db.outbox.count()) === 0;

    // The stored rows and queued entries of every table at once (none in a first sync).
    const tablesPulled = [...byTable];
    const reads = await Promise.all(
      tablesPulled.map(([table, pulled]) => {
        const ids = pulled.map((row) => row.id);
        return Promise.all([
          storedRows(db.table<Row, string>(table), table, ids, outboxEmpty ? firstPull : undefined),
          outboxEmpty ? ([] as undefined[]) : db.outbox.bulkGet(ids.map((id) => [table, id] as [string, string])),
        ]);
      }),
    );

    // Every write is queued before any is awaited: IndexedDB runs a transaction's requests in the
    // order they were made (a later read sees an earlier write), and the backend never waits for
    // this thread between them. Awaiting each in turn left it idle for a round trip each time.
    const writes: Array<Promise<unknown>> = [];
    tablesPulled.forEach(([table, pulled], tableIndex) => {
      const store = db.table<Row, string>(table);
      const [locals, pending] = reads[tableIndex]!;
      const firstSeen = new Set<string>();
      const puts: Row[] = [];
      const deletes: string[] = [];
      const settled: Array<[string, string]> = [];
      pulled.forEach((row, index) => {
        if (row.deleted) stamps.push(row.deleted);
        for (const write of Object.values(row.fields)) stamps.push(write.hlc);
        const queued = pending[index];
        const local = locals[index];
        // Worked out as the page arrived, for a row with nothing queued (see prepareNewRows).
        const ready = queued ? undefined : prepared?.get(row);
        const values = ready ? ready.values : rowValues(mergeRow({ fields: row.fields, deleted: row.deleted }, queued ? { fields: queued.fields, deleted: queued.deleted } : {}).row);
        if (values === undefined) {
          // Deleted on the server (delete wins): anything queued for the row is moot.
          if (queued) settled.push([table, row.id]);
          if (local) {
            deletes.push(row.id);
            touch(local);
            if (table === 'deals') dealsChanged = true;
          }
          return;
        }
        const next = ready && !local ? ready.row : localRow(table, row.id, local, values);
        if (!next) {
          result.invalid += 1;
          return;
        }
        if (sameRow(local, next)) return;
        puts.push(next);
        if (table === 'interactions' && !local && !firstSeen.has(row.id)) {
          firstSeen.add(row.id);
          added.push(next as unknown as Interaction);
          return;
        }
        touch(next);
        if (local) touch(local);
        if (table === 'deals') dealsChanged = true;
      });
      writes.push(store.bulkPut(puts), store.bulkDelete(deletes), db.outbox.bulkDelete(settled));
      // Should the transaction fail, these ids are only read back when pulled again: no harm.
      for (const row of puts) firstPull?.wrote(table, row.id as string);
      result.written += puts.length;
      result.deleted += deletes.length;
    });

    // Derived data is recomputed here, never synced: activity facts per touched contact, and the
    // value model through the won-deals revision the background watches. Queued after the rows'
    // writes, so its reads see them.
    writes.push(
      recomputeActivityOf(db, [...touchedContacts], now),
      recordInteractions(
        db,
        added.filter((interaction) => !touchedContacts.has(interaction.contactId)),
        now,
      ),
    );
    if (dealsChanged) writes.push(bumpWonDealsRevision(db));
    writes.push(observeRemoteStamps(db.meta, stamps, now));
    if (cursor) writes.push(db.meta.put({ key: cursor.key, value: cursor.value }));
    await Promise.all(writes);
    return result;
  });
}
