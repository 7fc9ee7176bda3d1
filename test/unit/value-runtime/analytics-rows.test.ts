import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDeal, createSegment, openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { readAnalyticsRows } from '@/lib/db/queries/analytics';
import { addContacts, valueRow } from './fixtures';

let db: CrmDatabase;
let count = 0;

beforeEach(async () => {
  db = openCrmDatabase(`analytics-rows-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('readAnalyticsRows', () => {
  it('reads live contacts and the won and open deals; nothing computed yet reads as no state', async () => {
    await addContacts(db, ['ada', 'bob', 'gone']);
    await db.contacts.update('gone', { deletedAt: 5 });
    const deal = (status: 'won' | 'open' | 'lost', title: string) => ({ contactId: 'ada', title, amount: 100, currency: 'USD', status, at: 1 });
    await addDeal(db, deal('won', 'Won'));
    await addDeal(db, deal('open', 'Open'));
    await addDeal(db, deal('lost', 'Lost'));
    const rows = await readAnalyticsRows(db);
    expect(rows.contacts.map((contact) => contact.id).sort()).toEqual(['ada', 'bob']);
    expect(rows.deals.map((row) => row.title).sort()).toEqual(['Open', 'Won']);
    expect(rows.state).toBeNull();
    expect(rows.values).toEqual([]);
  });

  it('reads one saved segment’s members, their values and deals; a deleted segment reads as everyone', async () => {
    await addContacts(db, ['ada', 'bob', 'cy']);
    await db.contacts.update('ada', { tags: ['vip'] });
    await db.contacts.update('cy', { tags: ['vip'], deletedAt: 5 });
    await db.values.bulkPut([valueRow('ada', 10, 'strategic'), valueRow('bob', 1, 'core')]);
    const deal = (contactId: string) => ({ contactId, title: contactId, amount: 100, currency: 'USD', status: 'won' as const, at: 1 });
    await addDeal(db, deal('ada'));
    await addDeal(db, deal('bob'));
    const vips = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }]);
    const rows = await readAnalyticsRows(db, vips.id);
    expect(rows.segment).toBe('VIPs');
    expect(rows.contacts.map((contact) => contact.id)).toEqual(['ada']);
    expect(rows.values.map((row) => row.contactId)).toEqual(['ada']);
    expect(rows.deals.map((row) => row.title)).toEqual(['ada']);
    const everyone = await readAnalyticsRows(db, 'deleted-segment');
    expect(everyone.segment).toBeUndefined();
    expect(everyone.contacts.map((contact) => contact.id).sort()).toEqual(['ada', 'bob']);
  });
});
