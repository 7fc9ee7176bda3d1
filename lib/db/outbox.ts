/**
 * The sync outbox, recorded by a Dexie middleware on every write to a synced table, inside the
 * write's own IndexedDB transaction: a write that fails leaves no outbox entry, and one that
 * commits always has one, whoever wrote it (a lib/db function, an import, a bulk action).
 *
 * One entry per row (`[table+id]`), holding each changed field with the stamp of its newest
 * write, or a `deleted` stamp. Coalescing keeps the outbox as small as the set of rows changed
 * since the last push, even when sync is not configured yet, and the server's per-field merge
 * makes pushing a row's newest fields the same as pushing every write in turn.
 */
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction, type EntityTable, type Middleware } from 'dexie';
import type { MetaRow, OutboxEntry } from './types';
import { HlcState, initialHlc, randomNodeId, receiveHlc, sendHlc } from '../sync/shared/hlc';
import { canonicalJson } from '../sync/shared/merge';
import { SYNC_TABLES, SYNCED_FIELDS, type SyncTable } from '../sync/shared/protocol';
import { MEMBERSHIP_ROW } from './team-stamp';

export type { OutboxEntry } from './types';

export const OUTBOX_TABLE = 'outbox';
const META_TABLE = 'meta';
export const CLOCK_KEY = 'sync:clock';

const SYNCED = new Set<string>(SYNC_TABLES);

/** Transactions that apply pulled rows: their writes came from the server and must not echo back. */
const applyingPulled = new WeakSet<object>();

/** Marks a Dexie transaction (its IDBTransaction) as applying pulled rows. */
export function markApplyingPulled(idbTransaction: object): void {
  applyingPulled.add(idbTransaction);
}

/**
 * A write a viewer (or a removed member) made: the server would refuse it, so it is not queued
 * and not written. The pages hide their write controls from viewers; this is what holds when one
 * is missed (the board, an import, a bulk action).
 */
export class ReadOnlyMemberError extends Error {
  constructor() {
    super('You can read this workspace but not change it: an owner can make you an editor.');
    this.name = 'ReadOnlyMemberError';
  }
}

/** Whether the membership row (lib/sync/client/membership.ts) says this browser may not write. */
async function readOnlyMember(meta: DBCoreTable, trans: DBCoreTransaction): Promise<boolean> {
  const row = (await meta.get({ trans, key: MEMBERSHIP_ROW })) as { value?: { role?: unknown; removedAt?: unknown } } | undefined;
  return row?.value?.role === 'viewer' || typeof row?.value?.removedAt === 'number';
}

/** Reads the persisted clock (creating this browser's node id on first use). */
async function readClock(meta: DBCoreTable, trans: DBCoreTransaction): Promise<HlcState> {
  const row = (await meta.get({ trans, key: CLOCK_KEY })) as { value?: unknown } | undefined;
  const parsed = HlcState.safeParse(row?.value);
  return parsed.success ? parsed.data : initialHlc(randomNodeId());
}

/**
 * Inside a transaction over `meta`: advances the persisted clock past stamps seen from the
 * server, so this browser's next write sorts after everything it has seen.
 */
export async function observeRemoteStamps(meta: EntityTable<MetaRow, 'key'>, seen: readonly string[], now: number): Promise<void> {
  if (seen.length === 0) return;
  // Stamps sort as clock order, so the newest one carries everything the clock must learn.
  const newest = seen.reduce((a, b) => (b > a ? b : a));
  const row = await meta.get(CLOCK_KEY);
  const parsed = HlcState.safeParse(row?.value);
  const clock = receiveHlc(parsed.success ? parsed.data : initialHlc(randomNodeId()), newest, now);
  await meta.put({ key: CLOCK_KEY, value: clock });
}

/** The synced fields that differ between two versions of a row; a field gone is `null` (cleared). */
export function changedFields(table: SyncTable, before: Record<string, unknown> | undefined, after: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const name of SYNCED_FIELDS[table]) {
    const next = after[name];
    const previous = before?.[name];
    if (next === undefined && previous === undefined) continue;
    if (next === undefined) changed[name] = null;
    else if (previous === undefined || canonicalJson(previous) !== canonicalJson(next)) changed[name] = next;
  }
  return changed;
}

/** Folds one more change of a row into its pending entry (newest stamp per field; delete wins). */
export function foldIntoEntry(entry: OutboxEntry | undefined, table: SyncTable, id: string, fields: Record<string, unknown>, stamp: string, deleted: boolean): OutboxEntry {
  if (deleted) return { table, id, fields: {}, deleted: stamp };
  if (entry?.deleted) return entry;
  const next: OutboxEntry = { table, id, fields: { ...(entry?.fields ?? {}) } };
  for (const [name, value] of Object.entries(fields)) next.fields[name] = { value, hlc: stamp };
  return next;
}

/**
 * Dexie's lower middlewares (hooks, live-query cache, observability) read the current
 * transaction from Dexie's zone when they are called. Our calls after an `await` have left that
 * zone, so they re-enter the one captured when the mutation arrived.
 */
const Zones = Dexie.Promise as unknown as { PSD: object; usePSD<T>(zone: object, run: () => T): T };

type Row = Record<string, unknown>;

/**
 * Queues the reads this mutation's record needs (old rows, except for an add; pending entries,
 * the clock) before the mutation itself, so IndexedDB answers them with the rows as they were;
 * then passes the mutation down; then writes the outbox entries and the clock in the same
 * transaction.
 */
function recordAndMutate(core: DBCore, table: SyncTable, rowTable: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const zone = Zones.PSD;
  const trans = req.trans;
  const outbox = core.table(OUTBOX_TABLE);
  const meta = core.table(META_TABLE);
  // An add needs no old rows: IndexedDB refuses an add whose key exists, and the write's
  // response names each refused row (issue 24: an import of 10,000 new contacts spent ~0.4 s of
  // its writes reading back rows that could not be there).
  const readRows = req.type !== 'add';
  const readBefore = (keys: string[]) =>
    Promise.all([
      keys.length && readRows ? (rowTable.getMany({ trans, keys }) as Promise<Array<Row | undefined>>) : Promise.resolve([]),
      keys.length ? (outbox.getMany({ trans, keys: keys.map((id) => [table, id]) }) as Promise<Array<OutboxEntry | undefined>>) : Promise.resolve([]),
      readClock(meta, trans),
      readOnlyMember(meta, trans),
    ]).then(([before, pending, clock, readOnly]) => ({ keys, before, pending, clock, readOnly }));
  // Known keys: the reads are issued now, synchronously, so IndexedDB runs them before the write
  // queued just after. A range delete learns its keys first and passes the delete on after.
  const readsPromise =
    req.type === 'deleteRange'
      ? rowTable
          .query({ trans, values: false, query: { index: rowTable.schema.primaryKey, range: req.range } })
          .then((found) => Zones.usePSD(zone, () => readBefore(found.result as string[])))
      : readBefore(req.type === 'delete' ? (req.keys as string[]) : (req.values as Row[]).map((row) => row.id as string));
  const written = req.type === 'deleteRange' ? readsPromise.then(() => Zones.usePSD(zone, () => rowTable.mutate(req))) : rowTable.mutate(req);
  // An add's record waits for its write, to leave out the rows it refused.
  const refused = readRows ? Promise.resolve(undefined) : written.then((response) => response.failures);
  const recorded = Promise.all([readsPromise, refused]).then(([{ keys, before, pending, clock: start, readOnly }, failures]) => {
    const after: Array<Row | undefined> = req.type === 'add' || req.type === 'put' ? (req.values as Row[]) : keys.map(() => undefined);
    let clock = start;
    const now = Date.now();
    const entries = new Map<string, OutboxEntry>();
    keys.forEach((id, index) => {
      const next = after[index];
      const previous = before[index];
      if (next === undefined && previous === undefined) return; // deleting nothing
      if (failures?.[index]) return; // the add failed: the key exists
      const fields = next === undefined ? {} : changedFields(table, previous, next);
      if (next !== undefined && Object.keys(fields).length === 0) return; // rewritten unchanged
      const stamped = sendHlc(clock, now);
      clock = stamped.state;
      entries.set(id, foldIntoEntry(entries.get(id) ?? pending[index], table, id, fields, stamped.stamp, next === undefined));
    });
    if (entries.size === 0) return;
    if (readOnly) {
      // The row's write is already issued: abort the whole transaction so it is undone too (an
      // explicit transaction would abort on the rejection, an implicit one would keep the row).
      (trans as unknown as IDBTransaction).abort();
      throw new ReadOnlyMemberError();
    }
    return Zones.usePSD(zone, () =>
      Promise.all([
        outbox.mutate({ trans, type: 'put', values: [...entries.values()] }),
        meta.mutate({ trans, type: 'put', values: [{ key: CLOCK_KEY, value: clock }] }),
      ]),
    );
  });
  return Promise.all([written, recorded]).then(([response]) => response);
}

/**
 * Widens every read-write transaction over a synced table to the outbox and meta (so the entry
 * is written in the same transaction), and records each mutation's changes before passing it on.
 */
export const outboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'sync-outbox',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.some((store) => SYNCED.has(store)) ? [...new Set([...stores, OUTBOX_TABLE, META_TABLE])] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!SYNCED.has(name)) return table;
        return {
          ...table,
          mutate(req) {
            if (applyingPulled.has(req.trans)) return table.mutate(req);
            return recordAndMutate(down, name as SyncTable, table, req);
          },
        };
      },
    };
  },
};
