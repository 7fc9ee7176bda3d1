/**
 * The contact ids an index read yields, kept between counts of a segment (issue 22). In Chromium
 * reading an index costs about 5 ms per 1,000 keys, and IndexedDB's own count() walks the same
 * entries at nearly the same cost (measured: 20,040 keys read in 111 ms, counted in 100 ms), so a
 * broad rule cannot be counted in 50 ms from IndexedDB. The live count re-counts the same reads
 * over and over (each edit of the rule, each write liveQuery reports), so their keys are kept
 * here until the table they come from changes.
 *
 * Kept exact by Dexie's `storagemutated` event (fired after every committed write, in this page
 * and, through Dexie's BroadcastChannel, in the service worker and other pages — the same signal
 * liveQuery re-runs on), and for this page's own writes by a middleware as they are issued
 * (Dexie's cache re-runs a live count before the commit's event). A write that names its rows
 * (Dexie names the keys of writes under 50 rows: an edit, a logged call, a captured email)
 * leaves the written table's reads kept and marks those rows to be checked: the next count reads
 * just them and patches the kept ids (at 100,000 contacts, a few rows read instead of tens of
 * thousands of index keys again). A larger write, a clear, or more than MAX_PENDING marked rows
 * drops the table's reads. A read started before a write and finished after it is not kept (a
 * generation per table). A range that starts
 * `now - days` moves with the clock: its later key set is the earlier one minus the keys between
 * the two starts, so only those few keys are read.
 */
import Dexie, { type Collection, type DBCore, type DBCoreMutateRequest, type IndexableType, type Middleware, type ObservabilitySet } from 'dexie';
import type { IndexRead, KeyRange } from '../../segments';
import type { CrmDatabase } from '../types';
import { rowInRead, type IndexShape } from './read-membership';
import { writtenKeys } from './written-keys';

interface Kept {
  /** The read without its lower bound, so a range that moved is found. */
  base: string;
  read: IndexRead;
  lower: number | undefined;
  /** Replaced, never changed in place: a set handed out stays what it was. */
  ids: ReadonlySet<string>;
  /** Rows written since `ids` was read or patched, to be checked before it is used. */
  pending: Set<string>;
  /** The patch under way; whoever asks meanwhile waits for it. */
  patching?: Promise<void>;
  /** Set when a patch could not judge a row: the read is gone and must be read again. */
  dropped?: boolean;
}

interface DatabaseKeys {
  kept: Map<string, Kept>;
  /** Per table, bumped on every write: a read keeps its keys only if none came meanwhile. */
  generations: Map<string, number>;
  /** Bumped when any table may have changed. */
  everything: number;
}

/** Ids kept in all, across reads: about 6 MB per 100,000. The oldest reads go first. */
const MAX_KEPT_IDS = 300_000;

/**
 * Rows marked on a kept read before it is dropped instead: reading a row by key costs about as
 * much as ~20 index keys walked (~100 µs against ~5 µs), so past a few hundred rows a broad read
 * is as cheap to read again.
 */
const MAX_PENDING = 500;

const byDatabase = new Map<string, DatabaseKeys>();

function keysOf(name: string): DatabaseKeys {
  let keys = byDatabase.get(name);
  if (!keys) {
    keys = { kept: new Map(), generations: new Map(), everything: 0 };
    byDatabase.set(name, keys);
  }
  return keys;
}

function drop(keys: DatabaseKeys, key: string, kept: Kept): void {
  kept.dropped = true;
  if (keys.kept.get(key) === kept) keys.kept.delete(key);
}

/** Marks rows written to a table on its kept reads (null: rows unknown, drop the reads); bumps the table's generation. */
function markWritten(keys: DatabaseKeys, table: string, rows: readonly string[] | null): void {
  keys.generations.set(table, (keys.generations.get(table) ?? 0) + 1);
  for (const [key, kept] of keys.kept) {
    if (kept.read.table !== table) continue;
    if (rows) for (const id of rows) kept.pending.add(id);
    if (!rows || kept.pending.size > MAX_PENDING) drop(keys, key, kept);
  }
}

/**
 * Part names are `idb://<database>/<table>/<index>`, the primary key's index named '' (the rows
 * written); `all` (a page back from the cache) means anything.
 */
function hearWritten(parts: ObservabilitySet): void {
  // Per database and table: the rows the write names, or null when it names none (drop the reads).
  const written = new Map<DatabaseKeys, Map<string, string[] | null>>();
  for (const part of Object.keys(parts)) {
    if (part === 'all') {
      for (const keys of byDatabase.values()) {
        for (const [key, kept] of keys.kept) drop(keys, key, kept);
        keys.everything += 1;
      }
      continue;
    }
    if (!part.startsWith('idb://')) continue;
    const path = part.slice('idb://'.length).split('/');
    const index = path.pop();
    const table = path.pop();
    const keys = byDatabase.get(path.join('/'));
    if (!keys || table === undefined) continue;
    const tables = written.get(keys) ?? new Map<string, string[] | null>();
    written.set(keys, tables);
    if (index === '') tables.set(table, writtenKeys(parts[part], MAX_PENDING));
    else if (!tables.has(table)) tables.set(table, null); // until its rows' part says which
  }
  for (const [keys, tables] of written) {
    for (const [table, rows] of tables) markWritten(keys, table, rows);
  }
}

// Subscribed when this module loads, before any liveQuery of the page subscribes, so the rows a
// write changed are marked (or its table's reads gone) before a live count re-runs on the same event.
Dexie.on('storagemutated', hearWritten);

/**
 * Rows a write may name: Dexie's commit event names the keys of writes under 50 rows and a range
 * for larger ones, which drops the reads then; a larger write drops them as it is issued.
 */
const NAMED_ROWS = 49;

/** The string primary keys a write names, or null when it names none (a range delete, 50 rows or more, other keys). */
function keysOfMutation(req: DBCoreMutateRequest, extractKey: ((row: unknown) => unknown) | null): string[] | null {
  if (req.type === 'deleteRange') return null;
  // Counted before any key is read: a sync page's writes are hundreds of rows.
  if ((req.type === 'delete' ? req.keys : req.values).length > NAMED_ROWS) return null;
  const found = req.type === 'delete' ? req.keys : (req.keys ?? (extractKey ? req.values.map(extractKey) : undefined));
  if (!found || !found.every((key) => typeof key === 'string')) return null;
  return found as string[];
}

/**
 * Marks the rows a write of this page names as the write is issued, before it commits. Dexie's
 * cache re-runs a live count as soon as a write of this page is issued (its optimistic update, a
 * zero timeout later), before the commit's `storagemutated` event: that count found the kept ids
 * unmarked and answered from them, and as it read nothing the write touched, nothing re-ran it
 * after the commit (the count stayed one write behind until the next). Marked now, the count's
 * patch reads the rows, and IndexedDB answers that read only once the write has finished.
 */
export const keptReadsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'segment-kept-reads',
  create(down) {
    const databaseName = down.schema.name;
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        const primaryKey = table.schema.primaryKey;
        const extractKey = primaryKey.outbound ? null : primaryKey.extractKey;
        return {
          ...table,
          mutate(req) {
            const keys = byDatabase.get(databaseName);
            if (keys) markWritten(keys, name, keysOfMutation(req, extractKey));
            return table.mutate(req);
          },
        };
      },
    };
  },
};

/** Where a read's keys are kept: its table, index and bounds; the lower bound apart. */
function baseOf(read: IndexRead): string {
  if ('equals' in read) return `${read.table}/${read.index}/=${read.equals}`;
  const { lowerOpen = false, upper, upperOpen = false } = read.range;
  return `${read.table}/${read.index}/${lowerOpen ? '(' : '['}${upper ?? ''}${upperOpen ? ')' : ']'}`;
}

function inRange(db: CrmDatabase, table: string, index: string, range: KeyRange): Collection {
  const where = db.table(table).where(index);
  const { lower, upper, lowerOpen = false, upperOpen = false } = range;
  if (lower !== undefined && upper !== undefined) return where.between(lower, upper, !lowerOpen, !upperOpen);
  if (lower !== undefined) return lowerOpen ? where.above(lower) : where.aboveOrEqual(lower);
  if (upper !== undefined) return upperOpen ? where.below(upper) : where.belowOrEqual(upper);
  // No bounds: every row with a key in this index (rows without one are not in it).
  return db.table(table).orderBy(index);
}

/** The index entries a read covers (a multi-entry index lists a contact once per key). */
export function collectionOf(db: CrmDatabase, read: IndexRead): Collection {
  return 'equals' in read ? db.table(read.table).where(read.index).equals(read.equals) : inRange(db, read.table, read.index, read.range);
}

async function primaryKeys(collection: Collection): Promise<string[]> {
  return (await collection.primaryKeys()) as IndexableType[] as string[];
}

function shapeOf(db: CrmDatabase, read: IndexRead): IndexShape | undefined {
  const index = db.table(read.table).schema.idxByName[read.index];
  return index && typeof index.keyPath === 'string' ? { keyPath: index.keyPath, multi: index.multi === true } : undefined;
}

/** Reads the rows written since the kept ids and patches them in; drops the read when a row cannot be judged. */
async function patch(db: CrmDatabase, keys: DatabaseKeys, key: string, kept: Kept): Promise<void> {
  const ids = [...kept.pending];
  // Writes heard from here on are checked by the next patch: the rows below may predate them.
  kept.pending = new Set();
  const shape = shapeOf(db, kept.read);
  const rows = shape ? ((await db.table(kept.read.table).bulkGet(ids)) as (Record<string, unknown> | undefined)[]) : [];
  const next = new Set(kept.ids);
  for (const [position, id] of ids.entries()) {
    const member = shape && rowInRead(rows[position], shape, kept.read);
    if (member === undefined) return drop(keys, key, kept);
    if (member) next.add(id);
    else next.delete(id);
  }
  kept.ids = next;
}

/** The kept ids with every row written since checked, or undefined when the read must be made again. */
async function currentIds(db: CrmDatabase, keys: DatabaseKeys, key: string, kept: Kept): Promise<ReadonlySet<string> | undefined> {
  if (!kept.patching && kept.pending.size > 0) {
    kept.patching = patch(db, keys, key, kept).finally(() => {
      kept.patching = undefined;
    });
  }
  if (kept.patching) await kept.patching;
  return kept.dropped ? undefined : kept.ids;
}

/** A kept read of the same index and upper bound whose closed lower bound is at or before this one's. */
function earlierStart(keys: DatabaseKeys, base: string, lower: number): Kept | undefined {
  let best: Kept | undefined;
  for (const kept of keys.kept.values()) {
    if (kept.base === base && kept.lower !== undefined && kept.lower <= lower && (!best || kept.lower > best.lower!)) best = kept;
  }
  return best;
}

function generationOf(keys: DatabaseKeys, table: string): string {
  return `${keys.everything}/${keys.generations.get(table) ?? 0}`;
}

function keep(keys: DatabaseKeys, key: string, kept: Kept): void {
  keys.kept.delete(key);
  keys.kept.set(key, kept); // last in the map: the newest
  let total = 0;
  for (const entry of keys.kept.values()) total += entry.ids.size;
  for (const [oldest, entry] of keys.kept) {
    if (total <= MAX_KEPT_IDS || oldest === key) break;
    keys.kept.delete(oldest);
    total -= entry.ids.size;
  }
}

/**
 * The distinct contact ids a read's index entries hold, from the kept keys when the table has
 * not changed since they were read. For a range moved later (a window ending now), the kept keys
 * minus those between the two starts.
 */
export async function indexIds(db: CrmDatabase, read: IndexRead): Promise<ReadonlySet<string>> {
  const keys = keysOf(db.name);
  const base = baseOf(read);
  const lower = 'equals' in read ? undefined : read.range.lower;
  const key = `${base}@${lower ?? ''}`;
  const found = keys.kept.get(key);
  if (found) {
    keep(keys, key, found);
    const ids = await currentIds(db, keys, key, found);
    if (ids) return ids;
  }
  const generation = generationOf(keys, read.table);
  // Only the activity indexes hold one key per contact, so only there do the keys that left say who left.
  const movable = read.table === 'activity' && lower !== undefined && !read.range.lowerOpen;
  const earlier = movable ? earlierStart(keys, base, lower) : undefined;
  const earlierIds = earlier && (await currentIds(db, keys, `${base}@${earlier.lower}`, earlier));
  let ids: Set<string>;
  if (earlier && earlierIds && !('equals' in read)) {
    // Keys in [earlier start, this start) left the window; the index is single-entry (activity), so each id once.
    const left = await primaryKeys(inRange(db, read.table, read.index, { lower: earlier.lower!, upper: lower!, upperOpen: true }));
    ids = new Set(earlierIds);
    for (const id of left) ids.delete(id);
    // Replaced by the later window: a live count with a window ending now would keep a copy per count.
    keys.kept.delete(`${base}@${earlier.lower}`);
  } else {
    ids = new Set(await primaryKeys(collectionOf(db, read)));
  }
  if (generationOf(keys, read.table) === generation) keep(keys, key, { base, read, lower, ids, pending: new Set() });
  return ids;
}

/** Forgets every kept read of a database: the bench times a first count with this. */
export function forgetIndexIds(db: CrmDatabase): void {
  byDatabase.delete(db.name);
}
