import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addDeal,
  addInteraction,
  addTask,
  completeTask,
  contactsWithOverdueFollowUps,
  openCrmDatabase,
  searchContacts,
  tagsInUse,
  type CrmDatabase,
} from '@/lib/db';
import { withIndexKeys } from '@/lib/db/contact-keys';
import { Contact } from '@/lib/model';
import { localIsoDay, localMidnight } from '@/lib/value/recompute';

const DAY = 86_400_000;
const NOW = localMidnight('2026-03-10') + 12 * 3_600_000;
const TODAY = localMidnight(localIsoDay(NOW));

let db: CrmDatabase;
let dbCount = 0;
beforeEach(async () => {
  db = openCrmDatabase(`search-facts-${++dbCount}`);
  await db.open();
  const people: Array<[string, string[]]> = [['Ada', ['vip', 'maths']], ['Bob', []], ['Cy', ['vip']], ['Dee', ['Events']], ['Eve', []]];
  await db.contacts.bulkPut(
    people.map(([name, tags], i) =>
      Contact.parse(withIndexKeys(Contact.parse({ id: name.toLowerCase(), name, tags, emails: [`${name.toLowerCase()}@example.org`], createdAt: i, updatedAt: i }))),
    ),
  );
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const names = async (query: Parameters<typeof searchContacts>[1]) => (await searchContacts(db, query, NOW)).contacts.map((c) => c.name);

describe('All contacts: overdue follow-ups, tags, activity sorts', () => {
  it('filters to contacts with an open follow-up due before today', async () => {
    await addTask(db, { contactId: 'ada', title: 'Overdue', dueAt: TODAY - 2 * DAY }, NOW);
    await addTask(db, { contactId: 'bob', title: 'Due today', dueAt: TODAY }, NOW);
    const done = await addTask(db, { contactId: 'cy', title: 'Done late', dueAt: TODAY - DAY }, NOW);
    await completeTask(db, done.id, NOW);
    await addTask(db, { contactId: 'eve', title: 'Overdue', dueAt: TODAY - DAY }, NOW);
    await db.contacts.update('eve', { deletedAt: NOW });
    expect([...(await contactsWithOverdueFollowUps(db, NOW))].sort()).toEqual(['ada', 'eve']);
    expect(await names({ followUpOverdue: true })).toEqual(['Ada']);
    expect(await names({ followUpOverdue: true, text: 'bo' })).toEqual([]);
    expect(await names({ followUpOverdue: true, tag: 'vip' })).toEqual(['Ada']);
    // Tomorrow, today's follow-up is overdue too.
    expect((await searchContacts(db, { followUpOverdue: true }, NOW + DAY)).contacts.map((c) => c.name)).toEqual(['Ada', 'Bob']);
  });

  it('lists the tags in use, for the tag filter', async () => {
    expect(await tagsInUse(db)).toEqual(['Events', 'maths', 'vip']);
    expect(await names({ tag: 'vip' })).toEqual(['Ada', 'Cy']);
  });

  it('sorts by activity facts, largest or latest first, contacts without any last', async () => {
    await addInteraction(db, { contactId: 'bob', kind: 'call', at: NOW - 2 * DAY }, NOW);
    await addInteraction(db, { contactId: 'cy', kind: 'email', direction: 'in', at: NOW - DAY }, NOW);
    await addInteraction(db, { contactId: 'dee', kind: 'note', at: NOW - DAY }, NOW); // a note is not contact
    await addDeal(db, { contactId: 'dee', title: 'Big', amount: 90_000, currency: 'EUR', status: 'won', at: NOW - DAY }, NOW);
    await addDeal(db, { contactId: 'ada', title: 'Small', amount: 1_000, currency: 'EUR', status: 'won', at: NOW - DAY }, NOW);
    await addDeal(db, { contactId: 'eve', title: 'Open', amount: 5_000, currency: 'EUR', status: 'open', at: NOW + DAY }, NOW);

    expect(await names({ sort: 'last-contacted' })).toEqual(['Cy', 'Bob', 'Ada', 'Dee', 'Eve']);
    expect(await names({ sort: 'won-value' })).toEqual(['Dee', 'Ada', 'Bob', 'Cy', 'Eve']);
    expect(await names({ sort: 'open-deal-value' })).toEqual(['Eve', 'Ada', 'Bob', 'Cy', 'Dee']);
    // With a filter, the filtered contacts are sorted the same way.
    expect(await names({ tag: 'vip', sort: 'last-contacted' })).toEqual(['Cy', 'Ada']);
    // The facts come back for a list column.
    const result = await searchContacts(db, { sort: 'won-value' }, NOW);
    expect(result.activity?.get('dee')?.wonValue).toBe(90_000);
  });

  it('reads through indexes: the contacts table is never scanned whole', async () => {
    await addTask(db, { contactId: 'ada', title: 'Overdue', dueAt: TODAY - 2 * DAY }, NOW);
    const scan = vi.spyOn(db.contacts, 'toArray');
    const filter = vi.spyOn(db.contacts, 'filter');
    const each = vi.spyOn(db.contacts, 'each');
    await searchContacts(db, { followUpOverdue: true }, NOW);
    await searchContacts(db, { sort: 'won-value' }, NOW);
    await tagsInUse(db);
    expect(scan).not.toHaveBeenCalled();
    expect(filter).not.toHaveBeenCalled();
    expect(each).not.toHaveBeenCalled();
  });
});
