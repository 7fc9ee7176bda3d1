/**
 * The contact ids an index read yields, kept between counts of a segment (issue 22). In Chromium
 * reading an index costs about 5 ms per 1,000 keys, and IndexedDB's own count() walks the same
 * entries at nearly the same cost (measured: 20,040 keys read in 111 ms, counted in 100 ms), so a
 * broad rule cannot be counted in 50 ms from IndexedDB. The live count re-counts the same reads
 * over and over (each edit of the rule, each write liveQuery reports), so their keys are kept
 * here until the table they come from changes.
 *
 * Kept exact by: Dexie's `storagemutated` event (fired after every committed write, in this page
 * and, through Dexie's BroadcastChannel, in the service worker and other pages — the same signal
 * liveQuery re-runs on) dropping every read of the written table; a read started before a write
 * and finished after it is not kept (a generation per table). A range that starts `now - days`
 * moves with the clock: its later key set is the earlier one minus the keys between the two
 * starts, so only those few keys are read.
 */
import Dexie, { type Collection, type IndexableType, type ObservabilitySet } from 'dexie';
import type { IndexRead, KeyRange } from '../../segments';
import type { CrmDatabase } from '../types';

interface Kept {
  /** The read without its lower bound, so a range that moved is found. */
  base: string;
  lower: number | undefined;
  ids: ReadonlySet<string>;
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

const byDatabase = new Map<string, DatabaseKeys>();

function keysOf(name: string): DatabaseKeys {
  let keys = byDatabase.get(name);
  if (!keys) {
    keys = { kept: new Map(), generations: new Map(), everything: 0 };
    byDatabase.set(name, keys);
  }
  return keys;
}

/** Part names are `idb://<database>/<table>/<index>`; `all` (a page back from the cache) means anything. */
function forgetWritten(parts: ObservabilitySet): void {
  for (const part of Object.keys(parts)) {
    if (part === 'all') {
      for (const keys of byDatabase.values()) {
        keys.kept.clear();
        keys.everything += 1;
      }
      continue;
    }
    if (!part.startsWith('idb://')) continue;
    const path = part.slice('idb://'.length).split('/');
    path.pop(); // the index
    const table = path.pop();
    const keys = byDatabase.get(path.join('/'));
    if (!keys || table === undefined) continue;
    keys.generations.set(table, (keys.generations.get(table) ?? 0) + 1);
    for (const [key, kept] of keys.kept) if (kept.base.startsWith(`${table}/`)) keys.kept.delete(key);
  }
}

// Subscribed when this module loads, before any liveQuery of the page subscribes, so the keys of a
// written table are gone before a live count re-runs on the same event.
Dexie.on('storagemutated', forgetWritten);

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
    return found.ids;
  }
  const generation = generationOf(keys, read.table);
  // Only the activity indexes hold one key per contact, so only there do the keys that left say who left.
  const movable = read.table === 'activity' && lower !== undefined && !read.range.lowerOpen;
  const earlier = movable ? earlierStart(keys, base, lower) : undefined;
  let ids: Set<string>;
  if (earlier && !('equals' in read)) {
    // Keys in [earlier start, this start) left the window; the index is single-entry (activity), so each id once.
    const left = await primaryKeys(inRange(db, read.table, read.index, { lower: earlier.lower!, upper: lower!, upperOpen: true }));
    ids = new Set(earlier.ids);
    for (const id of left) ids.delete(id);
    // Replaced by the later window: a live count with a window ending now would keep a copy per count.
    keys.kept.delete(`${base}@${earlier.lower}`);
  } else {
    ids = new Set(await primaryKeys(collectionOf(db, read)));
  }
  if (generationOf(keys, read.table) === generation) keep(keys, key, { base, lower, ids });
  return ids;
}

/** Forgets every kept read of a database: the bench times a first count with this. */
export function forgetIndexIds(db: CrmDatabase): void {
  byDatabase.delete(db.name);
}
