import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  activityOf,
  addDeal,
  addInteraction,
  addTask,
  dealsOf,
  defaultSide,
  differingFields,
  interactionsOf,
  logEmailThread,
  mergeContacts,
  openCrmDatabase,
  recentInteractionCount,
  searchContacts,
  wonDealsRevision,
  type CrmDatabase,
} from '@/lib/db';
import { withIndexKeys } from '@/lib/db/contact-keys';
import { Contact } from '@/lib/model';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 12);

let db: CrmDatabase;
let dbCount = 0;
beforeEach(async () => {
  db = openCrmDatabase(`merge-${++dbCount}`);
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

/** A stored contact; two may share an address here, as after two tabs or an import. */
async function seed(fields: Partial<Contact> & { id: string }): Promise<Contact> {
  const contact = Contact.parse(withIndexKeys(Contact.parse({ createdAt: NOW - 100 * DAY, updatedAt: NOW - 100 * DAY, ...fields })));
  await db.contacts.put(contact);
  return contact;
}

async function twoDuplicates() {
  const ada = await seed({
    id: 'a',
    name: 'Ada Lovelace',
    emails: ['ada@example.org'],
    phones: ['+442079460000'],
    company: 'Analytical Engines',
    tags: ['VIP'],
    userFields: ['name'],
    createdAt: NOW - 50 * DAY,
  });
  const augusta = await seed({
    id: 'b',
    name: 'Augusta King',
    emails: ['countess@example.org', 'ada@example.org'],
    phones: ['+442079460001'],
    title: 'Countess',
    location: 'London',
    profiles: [{ kind: 'github', url: 'https://github.com/ada' }],
    tags: ['vip', 'maths'],
    stage: 'customer',
    userFields: ['title'],
    createdAt: NOW - 80 * DAY,
  });
  return { ada, augusta };
}

describe('mergeContacts', () => {
  it('unions emails, phones, profiles and tags, and takes each picked value', async () => {
    const { ada, augusta } = await twoDuplicates();
    expect(differingFields(ada, augusta)).toEqual(['name', 'company', 'title', 'location', 'stage']);
    // Kept values win unless missing; an empty kept field takes the other's.
    expect(defaultSide(ada, augusta, 'name')).toBe('keep');
    expect(defaultSide(ada, augusta, 'title')).toBe('other');

    const { contact } = await mergeContacts(db, 'a', 'b', { name: 'other', stage: 'other' }, NOW);
    expect(contact).toMatchObject({
      id: 'a',
      name: 'Augusta King',
      company: 'Analytical Engines',
      title: 'Countess',
      location: 'London',
      stage: 'customer',
      emails: ['ada@example.org', 'countess@example.org'],
      phones: ['+442079460000', '+442079460001'],
      profiles: [{ kind: 'github', url: 'https://github.com/ada' }],
      tags: ['VIP', 'maths'],
      createdAt: NOW - 80 * DAY,
      updatedAt: NOW,
    });
    // Typed-ness follows the value: Augusta's name was scraped, her title typed.
    expect(contact.userFields.sort()).toEqual(['title']);
    expect(await db.contacts.get('a')).toEqual(contact);
    // The merged contact is findable by the other's words and addresses.
    expect((await searchContacts(db, { text: 'countess' })).contacts.map((c) => c.id)).toEqual(['a']);
  });

  it('keeps a field the user deliberately cleared, unless they pick the other value', async () => {
    const keep = await seed({ id: 'a', name: 'Ada', emails: ['ada@example.org'], userFields: ['title'] });
    const other = await seed({ id: 'b', name: 'Ada L', emails: ['ada@example.org'], title: 'Scraped title' });
    expect(defaultSide(keep, other, 'title')).toBe('keep');
    expect((await mergeContacts(db, 'a', 'b', {}, NOW)).contact.title).toBeUndefined();
  });

  it('moves the history, deals and tasks, and tombstones the other contact', async () => {
    await twoDuplicates();
    await addInteraction(db, { contactId: 'a', kind: 'call', at: NOW - 10 * DAY }, NOW - 10 * DAY);
    await addInteraction(db, { contactId: 'b', kind: 'meeting', at: NOW - 3 * DAY }, NOW - 3 * DAY);
    await addInteraction(db, { contactId: 'b', kind: 'note', at: NOW - 200 * DAY, body: 'Old note' }, NOW - 200 * DAY);
    await addDeal(db, { contactId: 'a', title: 'Engine', amount: 5_000, currency: 'GBP', status: 'won', at: NOW - 20 * DAY }, NOW);
    await addDeal(db, { contactId: 'b', title: 'Notes', amount: 1_200, currency: 'GBP', status: 'won', at: NOW - 30 * DAY }, NOW);
    await addDeal(db, { contactId: 'b', title: 'Next', amount: 800, currency: 'GBP', status: 'open', at: NOW + 30 * DAY }, NOW);
    await addTask(db, { contactId: 'b', title: 'Send the paper', dueAt: NOW + DAY }, NOW);
    const revision = await wonDealsRevision(db);

    const result = await mergeContacts(db, 'a', 'b', { stage: 'other' }, NOW);
    expect(result.moved).toEqual({ interactions: 2, deals: 2, tasks: 1 });

    const history = await interactionsOf(db, 'a');
    // Newest first; the merge note was written after the stage change, at the same time.
    expect(history.map((row) => row.kind)).toEqual(['note', 'stage-change', 'meeting', 'call', 'note']);
    expect(history[1]!.subject).toBe('lead → customer');
    expect(history[0]!.subject).toBe('Merged with Augusta King');
    expect(history[0]!.body).toBe('Combined from the duplicate: 2 history entries, 2 deals, 1 follow-up.');
    expect(await interactionsOf(db, 'b')).toEqual([]);
    expect((await dealsOf(db, 'a')).map((deal) => deal.title).sort()).toEqual(['Engine', 'Next', 'Notes']);
    expect(await db.tasks.where('contactId').equals('a').count()).toBe(1);

    // The other is a tombstone: kept as a row for sync, gone from every list.
    const tombstone = await db.contacts.get('b');
    expect(tombstone).toMatchObject({ deletedAt: NOW, updatedAt: NOW, name: 'Augusta King' });
    expect((await searchContacts(db, {})).contacts.map((c) => c.id)).toEqual(['a']);

    // The kept contact's facts are recomputed from everything it now has.
    const facts = await activityOf(db, 'a');
    expect(facts).toMatchObject({ lastContactedAt: NOW - 3 * DAY, wonValue: 6_200, openDealValue: 800, currency: 'GBP' });
    // call, meeting and the merge note; not the 200-day-old note, not the stage change
    expect(recentInteractionCount(facts, NOW)).toBe(3);
    expect(await activityOf(db, 'b')).toBeUndefined();
    // Whose purchases are whose changed: the values are marked stale.
    expect(await wonDealsRevision(db)).toBe(revision + 1);
  });

  it('does not double a webmail message logged for both contacts', async () => {
    await twoDuplicates();
    await db.contacts.put(Contact.parse(withIndexKeys({ ...(await db.contacts.get('b'))!, emails: ['countess@example.org'] })));
    const thread = {
      kind: 'email-thread' as const,
      site: 'gmail' as const,
      threadId: 't1',
      url: 'https://mail.google.com/mail/u/0/#inbox/t1',
      subject: 'Engines',
      messages: [{ id: 'msg-1', from: 'me@example.com', to: ['ada@example.org', 'countess@example.org'], cc: [], date: NOW - DAY }],
      account: 'me@example.com',
    };
    expect(await logEmailThread(db, thread, NOW)).toBe(2);
    const result = await mergeContacts(db, 'a', 'b', {}, NOW);
    expect(result.duplicateEmailsDropped).toBe(1);
    const emails = (await interactionsOf(db, 'a')).filter((row) => row.kind === 'email');
    expect(emails.map((row) => row.externalId)).toEqual(['msg-1']);
    expect(await db.interactions.where('externalId').equals('msg-1').count()).toBe(1);
  });

  it('is one transaction: a failure part-way leaves both contacts and their rows untouched', async () => {
    await twoDuplicates();
    await addInteraction(db, { contactId: 'b', kind: 'call', at: NOW - DAY }, NOW);
    await addDeal(db, { contactId: 'b', title: 'Deal', amount: 100, currency: 'GBP', status: 'won', at: NOW - DAY }, NOW);
    await addTask(db, { contactId: 'b', title: 'Call back', dueAt: NOW + DAY }, NOW);
    const before = {
      contacts: await db.contacts.toArray(),
      interactions: await db.interactions.toArray(),
      deals: await db.deals.toArray(),
      tasks: await db.tasks.toArray(),
      activity: await db.activity.toArray(),
      meta: await db.meta.toArray(),
    };
    // The very last write fails: everything before it in the merge must be rolled back.
    vi.spyOn(db.meta, 'put').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(mergeContacts(db, 'a', 'b', { name: 'other' }, NOW)).rejects.toThrow('QuotaExceededError');
    expect({
      contacts: await db.contacts.toArray(),
      interactions: await db.interactions.toArray(),
      deals: await db.deals.toArray(),
      tasks: await db.tasks.toArray(),
      activity: await db.activity.toArray(),
      meta: await db.meta.toArray(),
    }).toEqual(before);
  });

  it('refuses a contact that is gone, or merging one with itself', async () => {
    await twoDuplicates();
    await expect(mergeContacts(db, 'a', 'a', {}, NOW)).rejects.toThrow('itself');
    await expect(mergeContacts(db, 'a', 'nobody', {}, NOW)).rejects.toThrow('No contact with id nobody');
    await db.contacts.update('b', { deletedAt: NOW });
    await expect(mergeContacts(db, 'a', 'b', {}, NOW)).rejects.toThrow('No contact with id b');
  });
});
