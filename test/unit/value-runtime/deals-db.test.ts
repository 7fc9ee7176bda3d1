import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDeal,
  dealsOf,
  openCrmDatabase,
  readWonPurchases,
  removeDeal,
  updateDeal,
  wonDealsRevision,
  type CrmDatabase,
} from '@/lib/db';
import { addContacts, contactRow, DAY_MS } from './fixtures';

let db: CrmDatabase;
let count = 0;

beforeEach(async () => {
  db = openCrmDatabase(`deals-test-${++count}`);
  await db.open();
  await addContacts(db, ['ada', 'bob']);
});
afterEach(async () => {
  await db.delete();
});

const T0 = Date.UTC(2024, 4, 1, 12);
const input = (overrides: Record<string, unknown> = {}) => ({
  contactId: 'ada',
  title: 'Licence',
  amount: 12_000,
  currency: 'USD',
  status: 'won' as const,
  at: T0,
  ...overrides,
});

describe('addDeal', () => {
  it('stores a valid deal with a new id and marks values stale when it is won', async () => {
    const deal = await addDeal(db, input());
    expect(deal.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(await db.deals.get(deal.id)).toEqual(deal);
    expect(await wonDealsRevision(db)).toBe(1);
  });

  it('leaves values alone for an open or lost deal', async () => {
    await addDeal(db, input({ status: 'open' }));
    await addDeal(db, input({ status: 'lost' }));
    expect(await wonDealsRevision(db)).toBe(0);
  });

  it('rejects invalid deals and unknown or deleted contacts, writing nothing', async () => {
    await expect(addDeal(db, input({ amount: 1.5 }))).rejects.toThrow();
    await expect(addDeal(db, input({ currency: 'dollars' }))).rejects.toThrow();
    await expect(addDeal(db, input({ contactId: 'nobody' }))).rejects.toThrow('No contact with id nobody');
    await db.contacts.put(contactRow('gone', { deletedAt: 5 }));
    await expect(addDeal(db, input({ contactId: 'gone' }))).rejects.toThrow('No contact with id gone');
    expect(await db.deals.count()).toBe(0);
    expect(await wonDealsRevision(db)).toBe(0);
  });
});

describe('updateDeal and removeDeal', () => {
  it('marks values stale only when the purchases change', async () => {
    const open = await addDeal(db, input({ status: 'open' }));
    await updateDeal(db, open.id, { title: 'Renamed' });
    expect(await wonDealsRevision(db)).toBe(0);
    const won = await updateDeal(db, open.id, { status: 'won' });
    expect(won).toMatchObject({ id: open.id, contactId: 'ada', title: 'Renamed', status: 'won' });
    expect(await wonDealsRevision(db)).toBe(1);
    await updateDeal(db, open.id, { title: 'Renamed again' });
    expect(await wonDealsRevision(db)).toBe(1);
    await updateDeal(db, open.id, { amount: 50 });
    expect(await wonDealsRevision(db)).toBe(2);
    await updateDeal(db, open.id, { at: T0 + DAY_MS });
    expect(await wonDealsRevision(db)).toBe(3);
    expect(await removeDeal(db, open.id)).toBe(true);
    expect(await wonDealsRevision(db)).toBe(4);
    expect(await removeDeal(db, open.id)).toBe(false);
  });

  it('refuses an invalid update and keeps the deal as it was', async () => {
    const deal = await addDeal(db, input());
    await expect(updateDeal(db, deal.id, { amount: 0.5 })).rejects.toThrow();
    await expect(updateDeal(db, 'missing', { amount: 1 })).rejects.toThrow('No deal with id missing');
    expect(await db.deals.get(deal.id)).toEqual(deal);
  });

  it('never moves a deal to another contact', async () => {
    const deal = await addDeal(db, input());
    const moved = await updateDeal(db, deal.id, { contactId: 'bob' } as never);
    expect(moved.contactId).toBe('ada');
  });
});

describe('reading deals', () => {
  it('lists a contact’s deals newest first', async () => {
    await addDeal(db, input({ title: 'old', at: T0 - 2 * DAY_MS }));
    await addDeal(db, input({ title: 'new', at: T0 }));
    await addDeal(db, input({ title: 'mid', at: T0 - DAY_MS, status: 'open' }));
    await addDeal(db, input({ contactId: 'bob', title: 'other' }));
    expect((await dealsOf(db, 'ada')).map((deal) => deal.title)).toEqual(['new', 'mid', 'old']);
  });

  it('gives won deals of live contacts as purchases in major units of the home currency, with the revision read', async () => {
    await addDeal(db, input({ amount: 12_345 }));
    await addDeal(db, input({ contactId: 'bob', amount: 500, currency: 'JPY' }));
    await addDeal(db, input({ status: 'open', amount: 99_999 }));
    await db.contacts.put(contactRow('gone', { deletedAt: 5 }));
    await db.deals.put({ ...input({ contactId: 'gone' }), id: 'orphan' });
    // 1/128 is exact in binary, so the converted amount compares exactly.
    const read = await readWonPurchases(db, { homeCurrency: 'USD', rates: { JPY: 1 / 128 } });
    expect(read.revision).toBe(2);
    expect(read.contactIds.sort()).toEqual(['ada', 'bob']);
    expect(read.contactRows).toBe(3);
    expect(read.purchases.map((p) => [p.customerId, p.amount]).sort()).toEqual([
      ['ada', 123.45],
      ['bob', 3.90625],
    ]);
    expect(read.currencies).toEqual({ USD: 1, JPY: 1 });
    expect(read.homeCurrency).toBe('USD');
    expect(read.unconverted).toEqual({});
  });
});
