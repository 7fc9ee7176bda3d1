import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  eachChunk,
  openCrmDatabase,
  readAllInChunks,
  readAllValues,
  readContactValue,
  readValuesState,
  sameStamp,
  toContactValueRows,
  VALUES_STATE_KEY,
  writeValues,
  type CrmDatabase,
  type ValuesState,
} from '@/lib/db';
import { ContactValue } from '@/lib/model';
import { computeValues } from '@/lib/value/model';

let db: CrmDatabase;
let count = 0;
beforeEach(async () => {
  db = openCrmDatabase(`values-test-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const state: Omit<ValuesState, 'written' | 'removed'> = {
  stamp: { wonDealsRevision: 3, settingsKey: '[0.8,0.5,52,0]', day: '2024-05-01', contacts: 2 },
  fitted: false,
  reason: 'only 1 customer with a repeat purchase; the model needs at least 30',
  computedAt: 1000,
  horizonWeeks: 52,
  strategicShare: 0.8,
  atRiskMaxPAlive: 0.5,
  discountRate: 0,
  purchasers: 1,
  contacts: 2,
  currencies: { USD: 2 },
  timings: { readMs: 1, computeMs: 2, writeMs: 0 },
};

const row = (contactId: string, overrides: Partial<ContactValue> = {}): ContactValue => ({
  contactId,
  historical: 100,
  predictedPurchases: null,
  pAlive: null,
  expectedSpend: null,
  clv: null,
  rfm: { r: 1, f: 1, m: 50 },
  tier: 'core',
  explanation: 'spent $100',
  computedAt: 1000,
  ...overrides,
});

describe('toContactValueRows', () => {
  it('maps the unfitted model: numbers null, rfm from the summary, prospects at zero', () => {
    const model = computeValues(
      [
        { customerId: 'a', date: '2024-01-01', amount: 10 },
        { customerId: 'a', date: '2024-01-15', amount: 30 },
      ],
      { calibrationEnd: '2024-01-29', horizonWeeks: 52, contactIds: ['lead'] },
    );
    const rows = toContactValueRows(model, 77);
    expect(rows).toEqual([
      {
        contactId: 'a',
        historical: 40,
        predictedPurchases: null,
        pAlive: null,
        expectedSpend: null,
        clv: null,
        rfm: { r: 2, f: 1, m: 30 },
        tier: 'strategic',
        explanation: expect.stringContaining('no prediction yet'),
        computedAt: 77,
      },
      {
        contactId: 'lead',
        historical: 0,
        predictedPurchases: null,
        pAlive: null,
        expectedSpend: null,
        clv: null,
        rfm: { r: 0, f: 0, m: 0 },
        tier: 'prospect',
        explanation: 'no purchase yet',
        computedAt: 77,
      },
    ]);
    for (const value of rows) expect(ContactValue.safeParse(value).success).toBe(true);
  });
});

describe('writeValues', () => {
  it('writes rows and the state in one go, and reads them back', async () => {
    const result = await writeValues(db, [row('a'), row('b', { tier: 'prospect' })], state);
    expect(result).toEqual({ written: 2, removed: 0, unchanged: 0, writeMs: expect.any(Number) });
    expect(await readContactValue(db, 'a')).toEqual(row('a'));
    expect((await readAllValues(db)).map((value) => value.contactId)).toEqual(['a', 'b']);
    expect(await readValuesState(db)).toEqual({ ...state, timings: { ...state.timings, writeMs: result.writeMs }, written: 2, removed: 0 });
  });

  it('rewrites only changed rows and removes rows of contacts no longer listed', async () => {
    await writeValues(db, [row('a'), row('b'), row('c')], state);
    const result = await writeValues(db, [row('a', { computedAt: 2000 }), row('b', { historical: 150, computedAt: 2000 })], state);
    expect(result).toMatchObject({ written: 1, removed: 1, unchanged: 1 });
    // Unchanged rows keep the time their value last changed.
    expect((await readContactValue(db, 'a'))?.computedAt).toBe(1000);
    expect(await readContactValue(db, 'b')).toEqual(row('b', { historical: 150, computedAt: 2000 }));
    expect(await readContactValue(db, 'c')).toBeUndefined();
  });

  it('compares and removes across chunk boundaries, before the first row and after the last, whatever the rows’ order', async () => {
    await writeValues(db, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'z'].map((id) => row(id)), state, 2);
    // Chunks of two: [b, d] [e, g] [h]; a lies before the first, c and f between rows, z after the last.
    const next = [row('h', { tier: 'growth', computedAt: 2000 }), row('b', { computedAt: 2000 }), row('g', { computedAt: 2000 }), row('e', { historical: 7, computedAt: 2000 }), row('d', { computedAt: 2000 })];
    const result = await writeValues(db, next, state, 2);
    expect(result).toMatchObject({ written: 2, removed: 4, unchanged: 3 });
    expect((await readAllValues(db)).map((value) => [value.contactId, value.tier, value.historical, value.computedAt])).toEqual([
      ['b', 'core', 100, 1000],
      ['d', 'core', 100, 1000],
      ['e', 'core', 7, 2000],
      ['g', 'core', 100, 1000],
      ['h', 'growth', 100, 2000],
    ]);
    expect(await writeValues(db, [], state, 2)).toMatchObject({ written: 0, removed: 5, unchanged: 0 });
    expect(await readAllValues(db)).toEqual([]);
  });

  it('refuses rows that break the schema, writing nothing', async () => {
    await expect(writeValues(db, [row('a', { pAlive: 1.5 })], state)).rejects.toThrow();
    expect(await readAllValues(db)).toEqual([]);
    expect(await readValuesState(db)).toBeNull();
  });
});

describe('readAllInChunks', () => {
  it('reads every row in key order across chunk boundaries', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `v${i}`);
    await db.values.bulkPut(ids.map((id) => row(id)));
    for (const chunk of [1, 3, 5, 10, 11]) {
      expect((await readAllInChunks(db.values, (value) => value.contactId, chunk)).map((value) => value.contactId)).toEqual(ids);
    }
    expect(await readAllInChunks(db.deals, (deal) => deal.id, 3)).toEqual([]);
  });
});

describe('eachChunk', () => {
  it('hands every row over once, in key order, a chunk at a time', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `v${i}`);
    await db.values.bulkPut(ids.map((id) => row(id)));
    for (const chunk of [1, 3, 5, 10, 11]) {
      const sizes: number[] = [];
      const seen: string[] = [];
      await eachChunk(db.values, (value) => value.contactId, (rows) => {
        sizes.push(rows.length);
        seen.push(...rows.map((value) => value.contactId));
      }, chunk);
      expect(seen).toEqual(ids);
      expect(sizes.every((size) => size <= chunk)).toBe(true);
    }
    const none: unknown[][] = [];
    await eachChunk(db.deals, (deal) => deal.id, (rows) => none.push(rows), 3);
    expect(none).toEqual([[]]);
  });
});

describe('the values state', () => {
  it('is null when absent or unreadable', async () => {
    expect(await readValuesState(db)).toBeNull();
    await db.meta.put({ key: VALUES_STATE_KEY, value: { fitted: 'yes' } });
    expect(await readValuesState(db)).toBeNull();
  });

  it('compares stamps field by field', () => {
    const stamp = state.stamp;
    expect(sameStamp(stamp, { ...stamp })).toBe(true);
    for (const change of [{ wonDealsRevision: 4 }, { settingsKey: 'x' }, { day: '2024-05-02' }, { contacts: 3 }]) {
      expect(sameStamp(stamp, { ...stamp, ...change })).toBe(false);
    }
  });
});
