import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '@/lib/sync/shared/hlc';
import { type RowChange, type RowState, mergeAll, mergeRow, rowValues } from '@/lib/sync/shared/merge';

const at = (millis: number, node = '0000000000000001', counter = 0) => formatHlc({ millis: Date.UTC(2026, 0, 1) + millis, counter, node });

describe('mergeRow', () => {
  it('keeps both edits when two clients change different fields', () => {
    const a = mergeRow(undefined, { fields: { title: { value: 'CTO', hlc: at(1, 'aaaaaaaaaaaaaaaa') } } }).row;
    const both = mergeRow(a, { fields: { phones: { value: ['+441'], hlc: at(2, 'bbbbbbbbbbbbbbbb') } } }).row;
    expect(rowValues(both)).toEqual({ title: 'CTO', phones: ['+441'] });
  });

  it('lets the newer stamp win a field, whatever the order of arrival', () => {
    const older = { fields: { name: { value: 'Ada', hlc: at(1) } } };
    const newer = { fields: { name: { value: 'Ada L.', hlc: at(2) } } };
    expect(rowValues(mergeAll(undefined, [older, newer])!)).toEqual({ name: 'Ada L.' });
    expect(rowValues(mergeAll(undefined, [newer, older])!)).toEqual({ name: 'Ada L.' });
  });

  it('breaks a tie of time and counter by node id', () => {
    const low = { fields: { name: { value: 'low', hlc: at(1, '0000000000000001') } } };
    const high = { fields: { name: { value: 'high', hlc: at(1, '0000000000000002') } } };
    expect(rowValues(mergeAll(undefined, [high, low])!)).toEqual({ name: 'high' });
    expect(rowValues(mergeAll(undefined, [low, high])!)).toEqual({ name: 'high' });
  });

  it('never resurrects a deleted row, and keeps nothing but the tombstone', () => {
    const row = mergeRow(undefined, { fields: { name: { value: 'Ada', hlc: at(1) } } }).row;
    const deleted = mergeRow(row, { deleted: at(2) }).row;
    expect(deleted).toEqual({ fields: {}, deleted: at(2) });
    const older = mergeRow(deleted, { fields: { name: { value: 'late', hlc: at(1, 'ffffffffffffffff') } } });
    const newer = mergeRow(deleted, { fields: { name: { value: 'later', hlc: at(3) } } });
    expect(older.changed).toBe(false);
    expect(newer.changed).toBe(false);
    expect(rowValues(newer.row)).toBeUndefined();
  });

  it('reports no change when a change is applied twice', () => {
    const change = { fields: { name: { value: 'Ada', hlc: at(1) } }, deleted: undefined };
    const once = mergeRow(undefined, change);
    expect(once.changed).toBe(true);
    expect(mergeRow(once.row, change)).toEqual({ row: once.row, changed: false });
    const tomb = mergeRow(once.row, { deleted: at(5) });
    expect(mergeRow(tomb.row, { deleted: at(5) }).changed).toBe(false);
  });

  it('treats constructor and __proto__-like names as plain fields', () => {
    const row = mergeRow(undefined, { fields: JSON.parse('{"constructor":{"value":1,"hlc":"' + at(1) + '"}}') }).row;
    expect(rowValues(row)).toEqual({ constructor: 1 });
  });

  it('converges: any order and any duplication of the same changes gives the same row', () => {
    const field = fc.constantFrom('name', 'title', 'company');
    const write = fc.record({
      value: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null)),
      hlc: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom('0000000000000001', '0000000000000002')).map(([t, c, n]) => at(t, n, c)),
    });
    // Deletes are rare: a deleted row keeps no fields, so frequent ones would hide field conflicts.
    const deleted = fc.oneof({ arbitrary: fc.constant(undefined), weight: 10 }, { arbitrary: fc.integer({ min: 0, max: 5 }).map((t) => at(t)), weight: 1 });
    const change: fc.Arbitrary<RowChange> = fc.record({ fields: fc.dictionary(field, write, { maxKeys: 3 }), deleted });
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), fc.integer(), (changes, extra, seed) => {
        const reference = mergeAll(undefined, changes);
        const delivered = [...changes, ...extra.map((i) => changes[i % changes.length]!)];
        const shuffled = shuffle(delivered, seed);
        expect(plain(mergeAll(undefined, shuffled))).toEqual(plain(reference));
      }),
    );
  });
});

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function plain(row: RowState | undefined): unknown {
  return row === undefined ? undefined : JSON.parse(JSON.stringify({ fields: Object.fromEntries(Object.entries(row.fields).sort()), deleted: row.deleted }));
}
