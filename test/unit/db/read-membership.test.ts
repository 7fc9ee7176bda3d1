/**
 * Whether a row has an entry in an index read (lib/db/queries/read-membership.ts), against what
 * IndexedDB itself holds: each case's row is put in a real (fake-indexeddb) store with the same
 * index and the read made, so the two must agree.
 */
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowInRead } from '@/lib/db/queries/read-membership';
import type { IndexRead } from '@/lib/segments';

let db: Dexie;

beforeAll(async () => {
  db = new Dexie('read-membership');
  db.version(1).stores({ contacts: 'id, *tags, stage, *emails', activity: 'contactId, lastContactedAt' });
  await db.open();
});
afterAll(async () => {
  await db.delete();
});

/** What IndexedDB says: the row put alone, then the read made. */
async function indexSays(row: Record<string, unknown>, read: IndexRead): Promise<boolean> {
  const table = db.table(read.table);
  await table.clear();
  await table.put(row);
  const index = table.where(read.index);
  const { lower, upper, lowerOpen = false, upperOpen = false } = 'range' in read ? read.range : {};
  const collection =
    'equals' in read
      ? index.equals(read.equals)
      : lower !== undefined && upper !== undefined
        ? index.between(lower, upper, !lowerOpen, !upperOpen)
        : lower !== undefined
          ? lowerOpen ? index.above(lower) : index.aboveOrEqual(lower)
          : upper !== undefined
            ? upperOpen ? index.below(upper) : index.belowOrEqual(upper)
            : table.orderBy(read.index);
  return (await collection.count()) > 0;
}

const tags = { keyPath: 'tags', multi: true };
const stage = { keyPath: 'stage', multi: false };
const emails = { keyPath: 'emails', multi: true };
const last = { keyPath: 'lastContactedAt', multi: false };

const CASES: [string, Record<string, unknown>, { keyPath: string; multi: boolean }, IndexRead][] = [
  ['a tag among several', { id: 'a', tags: ['x', 'vip', 'vip'] }, tags, { table: 'contacts', index: 'tags', equals: 'vip' }],
  ['no such tag', { id: 'a', tags: ['x'] }, tags, { table: 'contacts', index: 'tags', equals: 'vip' }],
  ['tags with non-keys skipped', { id: 'a', tags: [null, true, 'vip', {}] }, tags, { table: 'contacts', index: 'tags', equals: 'vip' }],
  ['a lone string in a multi-entry index', { id: 'a', tags: 'vip' }, tags, { table: 'contacts', index: 'tags', equals: 'vip' }],
  ['no tags at all', { id: 'a' }, tags, { table: 'contacts', index: 'tags', equals: 'vip' }],
  ['the stage', { id: 'a', stage: 'customer' }, stage, { table: 'contacts', index: 'stage', equals: 'customer' }],
  ['another stage', { id: 'a', stage: 'lead' }, stage, { table: 'contacts', index: 'stage', equals: 'customer' }],
  ['a number is not the string', { id: 'a', stage: 1 }, stage, { table: 'contacts', index: 'stage', equals: '1' }],
  ['any email', { id: 'a', emails: ['a@example.org'] }, emails, { table: 'contacts', index: 'emails', range: {} }],
  ['an empty email list', { id: 'a', emails: [] }, emails, { table: 'contacts', index: 'emails', range: {} }],
  ['at the closed lower bound', { contactId: 'a', lastContactedAt: 100 }, last, { table: 'activity', index: 'lastContactedAt', range: { lower: 100 } }],
  ['at the open lower bound', { contactId: 'a', lastContactedAt: 100 }, last, { table: 'activity', index: 'lastContactedAt', range: { lower: 100, lowerOpen: true } }],
  ['below the lower bound', { contactId: 'a', lastContactedAt: 99 }, last, { table: 'activity', index: 'lastContactedAt', range: { lower: 100 } }],
  ['at the open upper bound', { contactId: 'a', lastContactedAt: 100 }, last, { table: 'activity', index: 'lastContactedAt', range: { upper: 100, upperOpen: true } }],
  ['at the closed upper bound', { contactId: 'a', lastContactedAt: 100 }, last, { table: 'activity', index: 'lastContactedAt', range: { upper: 100 } }],
  ['a string above every number', { contactId: 'a', lastContactedAt: 'soon' }, last, { table: 'activity', index: 'lastContactedAt', range: { lower: 100 } }],
  ['a string is not below a number', { contactId: 'a', lastContactedAt: 'soon' }, last, { table: 'activity', index: 'lastContactedAt', range: { upper: 100 } }],
  ['NaN is no key', { contactId: 'a', lastContactedAt: Number.NaN }, last, { table: 'activity', index: 'lastContactedAt', range: {} }],
  ['null is no key', { contactId: 'a', lastContactedAt: null }, last, { table: 'activity', index: 'lastContactedAt', range: {} }],
];

describe('rowInRead', () => {
  it.each(CASES)('agrees with IndexedDB: %s', async (_, row, shape, read) => {
    expect(rowInRead(row, shape, read)).toBe(await indexSays(row, read));
  });

  it('says no for a row that is gone, and cannot tell for keys of other kinds', () => {
    expect(rowInRead(undefined, stage, { table: 'contacts', index: 'stage', equals: 'lead' })).toBe(false);
    expect(rowInRead({ id: 'a', stage: new Date(5) }, stage, { table: 'contacts', index: 'stage', equals: 'lead' })).toBeUndefined();
    expect(rowInRead({ id: 'a', stage: ['lead'] }, stage, { table: 'contacts', index: 'stage', equals: 'lead' })).toBeUndefined();
    expect(rowInRead({ id: 'a', tags: [['vip']] }, tags, { table: 'contacts', index: 'tags', equals: 'vip' })).toBeUndefined();
  });
});
