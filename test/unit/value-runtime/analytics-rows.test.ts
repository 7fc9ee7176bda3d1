import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDeal, openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { readAnalyticsRows } from '@/lib/db/queries/analytics';
import { addContacts } from './fixtures';

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
});
