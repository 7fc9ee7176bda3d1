import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDeal, addTask, completeTask, openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { pendingChangeCount } from '@/lib/db/queries/sync-status';
import { openTasksOfLiveContacts } from '@/lib/db/queries/tasks';
import { readTierFacts } from '@/lib/db/queries/tier';
import { Contact } from '@/lib/model';

let db: CrmDatabase;
let count = 0;
const contact = (id: string, overrides: Partial<Contact> = {}) => Contact.parse({ id, name: id.toUpperCase(), createdAt: 1, updatedAt: 1, ...overrides });

beforeEach(async () => {
  db = openCrmDatabase(`view-queries-${++count}`);
  await db.open();
  await db.contacts.bulkPut([contact('ada'), contact('bob'), contact('gone')]);
});
afterEach(async () => {
  await db.delete();
});

describe('openTasksOfLiveContacts', () => {
  it('lists open follow-ups of live contacts, soonest first, each with its contact', async () => {
    const later = await addTask(db, { contactId: 'ada', title: 'Later', dueAt: 3_000 });
    await addTask(db, { contactId: 'bob', title: 'Soon', dueAt: 1_000 });
    await addTask(db, { contactId: 'gone', title: 'Trashed', dueAt: 500 });
    await db.contacts.update('gone', { deletedAt: 5 });
    const done = await addTask(db, { contactId: 'bob', title: 'Done', dueAt: 2_000 });
    await completeTask(db, done.id);
    const rows = await openTasksOfLiveContacts(db);
    expect(rows.map(({ task, contact }) => [task.title, contact.id])).toEqual([
      ['Soon', 'bob'],
      ['Later', 'ada'],
    ]);
    expect(rows[1]!.task).toEqual(later);
  });
});

describe('readTierFacts', () => {
  it('says whether a contact without a value row has bought, from its won deals only', async () => {
    await addDeal(db, { contactId: 'ada', title: 'Open', amount: 100, currency: 'USD', status: 'open', at: 1 });
    expect(await readTierFacts(db, 'ada')).toEqual({ value: null, state: null, revision: 0, hasPurchase: false });
    await addDeal(db, { contactId: 'ada', title: 'Won', amount: 100, currency: 'USD', status: 'won', at: 2 });
    expect(await readTierFacts(db, 'ada')).toMatchObject({ value: null, revision: 1, hasPurchase: true });
    expect((await readTierFacts(db, 'bob')).hasPurchase).toBe(false);
  });
});

describe('pendingChangeCount', () => {
  it('counts the rows changed locally and not yet confirmed by the server', async () => {
    const before = await pendingChangeCount(db);
    await addTask(db, { contactId: 'ada', title: 'Call', dueAt: 1 });
    expect(await pendingChangeCount(db)).toBe(before + 1);
  });
});
