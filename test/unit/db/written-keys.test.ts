/**
 * The rows a committed write names (lib/db/queries/written-keys.ts), from the parts of Dexie's
 * own `storagemutated` events for real writes, as this page hears them and as another extension
 * page hears them (a structured clone: plain objects, no RangeSet methods).
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writtenKeys } from '@/lib/db/queries/written-keys';

let db: Dexie & { rows: Dexie.Table<{ id: string; tag?: string }, string> };
let heard: ObservabilitySet[];
const listener = (parts: ObservabilitySet) => void heard.push(parts);
let dbCount = 0;

beforeEach(async () => {
  db = new Dexie(`written-keys-${++dbCount}`) as typeof db;
  db.version(1).stores({ rows: 'id, tag' });
  await db.open();
  heard = [];
  Dexie.on('storagemutated', listener);
});
afterEach(async () => {
  Dexie.on('storagemutated').unsubscribe(listener);
  await db.delete();
});

/** The rows' primary-key part of the last write heard. */
function rowsPart(): unknown {
  const parts = heard.at(-1)!;
  return parts[`idb://${db.name}/rows/`];
}

const many = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ id: `r${String(from + i).padStart(4, '0')}`, tag: 'a' }));

describe('writtenKeys', () => {
  it('names the rows of a put, an update, a delete and a put of 49 rows, here and relayed', async () => {
    await db.rows.put({ id: 'r1', tag: 'a' });
    expect(writtenKeys(rowsPart(), 500)).toEqual(['r1']);
    await db.rows.update('r1', { tag: 'b' });
    expect(writtenKeys(rowsPart(), 500)).toEqual(['r1']);
    await db.rows.bulkDelete(['r1', 'r2']);
    expect(writtenKeys(rowsPart(), 500)?.sort()).toEqual(['r1', 'r2']);
    await db.rows.bulkPut(many(49));
    const named = writtenKeys(rowsPart(), 500);
    expect(named?.sort()).toEqual(many(49).map((row) => row.id));
    expect(writtenKeys(structuredClone(rowsPart()), 500)?.sort()).toEqual(named?.sort());
    // A transaction of several writes names all their rows.
    await db.transaction('rw', db.rows, async () => {
      await db.rows.put({ id: 'x1' });
      await db.rows.delete('x2');
    });
    expect(writtenKeys(rowsPart(), 500)?.sort()).toEqual(['x1', 'x2']);
  });

  it('names none for a write of 50 rows, a clear, a range delete, or more rows than asked for', async () => {
    await db.rows.bulkPut(many(50));
    expect(writtenKeys(rowsPart(), 500)).toBeNull();
    await db.rows.where('id').between('r0000', 'r0010').delete();
    expect(writtenKeys(rowsPart(), 500)).toBeNull();
    await db.rows.clear();
    expect(writtenKeys(rowsPart(), 500)).toBeNull();
    await db.rows.bulkPut(many(10));
    expect(writtenKeys(rowsPart(), 9)).toBeNull();
    expect(writtenKeys(rowsPart(), 10)).toHaveLength(10);
  });

  it('reads an empty set as no rows and anything unknown as none named', () => {
    expect(writtenKeys({ d: 0 }, 5)).toEqual([]);
    expect(writtenKeys({ from: 1, to: 1, d: 1 }, 5)).toBeNull(); // a number key: not a contact's
    expect(writtenKeys('idb', 5)).toBeNull();
  });
});
