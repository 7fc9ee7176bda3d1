import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activityOf,
  addContactEmail,
  addContactPhone,
  addContactTag,
  addDeal,
  addInteraction,
  addTask,
  completeTask,
  daysSinceLastContact,
  editContactField,
  interactionsOf,
  listOpenTasks,
  logEmailThread,
  openCrmDatabase,
  recentInteractionCount,
  removeContactEmail,
  removeContactPhone,
  removeContactTag,
  removeDeal,
  saveDetectedContact,
  setContactStage,
  updateDeal,
  type CrmDatabase,
} from '@/lib/db';
import { DetectedContact, EmailThreadContext } from '@/lib/model';

const DAY = 86_400_000;
let db: CrmDatabase;
let count = 0;
beforeEach(async () => {
  db = openCrmDatabase(`profile-activity-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function addContact(email: string, name = 'Ada') {
  return (await saveDetectedContact(db, DetectedContact.parse({ name, emails: [email] }), { kind: 'test' })).contact;
}

describe('activity facts kept by lib/db', () => {
  it('follow interactions logged by hand and from webmail', async () => {
    const now = Date.now();
    const ada = await addContact('ada@engines.co');
    expect(await activityOf(db, ada.id)).toBeUndefined();

    await addInteraction(db, { contactId: ada.id, kind: 'note', at: now - DAY, body: 'Prefers mornings' }, now);
    let facts = await activityOf(db, ada.id);
    expect(facts?.lastContactedAt).toBeUndefined();
    expect(recentInteractionCount(facts, now)).toBe(1);

    await addInteraction(db, { contactId: ada.id, kind: 'call', at: now - 3 * DAY, durationMinutes: 15, outcome: 'Demo booked' }, now);
    facts = await activityOf(db, ada.id);
    expect(facts?.lastContactedAt).toBe(now - 3 * DAY);
    expect(daysSinceLastContact(facts, now)).toBe(3);
    expect(recentInteractionCount(facts, now)).toBe(2);

    const thread = EmailThreadContext.parse({
      kind: 'email-thread', site: 'gmail', threadId: 't', subject: 'Hi', url: 'https://mail.google.com/mail/u/0/#inbox/t',
      account: 'me@lovelace.io',
      messages: [{ id: 'm1', from: 'ada@engines.co', to: ['me@lovelace.io'], date: now - DAY / 2 }],
    });
    expect(await logEmailThread(db, thread, now)).toBe(1);
    facts = await activityOf(db, ada.id);
    expect(facts?.lastContactedAt).toBe(now - DAY / 2);
    expect(recentInteractionCount(facts, now)).toBe(3);
    // An old interaction logged later does not move last contacted back, nor count as recent.
    await addInteraction(db, { contactId: ada.id, kind: 'meeting', at: now - 400 * DAY }, now);
    facts = await activityOf(db, ada.id);
    expect(facts?.lastContactedAt).toBe(now - DAY / 2);
    expect(recentInteractionCount(facts, now)).toBe(3);
    expect(facts?.recentTouches).toHaveLength(3);

    const logged = (await interactionsOf(db, ada.id)).find((i) => i.kind === 'call');
    expect(logged).toMatchObject({ durationMinutes: 15, outcome: 'Demo booked' });
  });

  it('refuses an interaction for a missing contact, writing nothing', async () => {
    await expect(addInteraction(db, { contactId: 'nobody', kind: 'note', at: 1 })).rejects.toThrow('No contact');
    await expect(addInteraction(db, { contactId: 'x', kind: 'note', at: -1 })).rejects.toThrow();
    expect(await db.interactions.count()).toBe(0);
    expect(await db.activity.count()).toBe(0);
  });

  it('follow deals as they are added, changed and removed', async () => {
    const ada = await addContact('ada@engines.co');
    const open = await addDeal(db, { contactId: ada.id, title: 'Pilot', amount: 50_000, currency: 'USD', status: 'open', at: 1 });
    await addDeal(db, { contactId: ada.id, title: 'Seats', amount: 1_250, currency: 'USD', status: 'won', at: 2 });
    expect(await activityOf(db, ada.id)).toMatchObject({ openDealValue: 50_000, wonValue: 1_250, currency: 'USD' });
    await updateDeal(db, open.id, { status: 'won' });
    expect(await activityOf(db, ada.id)).toMatchObject({ openDealValue: 0, wonValue: 51_250 });
    await removeDeal(db, open.id);
    expect(await activityOf(db, ada.id)).toMatchObject({ openDealValue: 0, wonValue: 1_250 });
  });
});

describe('profile edits', () => {
  it('logs a stage change in history, once', async () => {
    const ada = await addContact('ada@engines.co');
    await setContactStage(db, ada.id, 'customer', 1000);
    await setContactStage(db, ada.id, 'customer', 2000);
    expect((await db.contacts.get(ada.id))?.stage).toBe('customer');
    const history = await interactionsOf(db, ada.id);
    expect(history.map((i) => [i.kind, i.subject, i.at])).toEqual([['stage-change', 'lead → customer', 1000]]);
    // Stage changes are not contact.
    expect((await activityOf(db, ada.id))?.lastContactedAt).toBeUndefined();
  });

  it('adds and removes tags, searchable, without duplicates', async () => {
    const ada = await addContact('ada@engines.co');
    await addContactTag(db, ada.id, '  VIP   client ');
    await addContactTag(db, ada.id, 'vip client');
    let stored = await db.contacts.get(ada.id);
    expect(stored?.tags).toEqual(['VIP client']);
    expect(await db.contacts.where('searchTokens').equals('vip').count()).toBe(1);
    await expect(addContactTag(db, ada.id, '   ')).rejects.toThrow('A tag cannot be empty.');
    await removeContactTag(db, ada.id, 'VIP client');
    stored = await db.contacts.get(ada.id);
    expect(stored?.tags).toEqual([]);
    expect(await db.contacts.where('searchTokens').equals('vip').count()).toBe(0);
  });

  it('undo is a user-typed edit back to the previous value', async () => {
    const ada = await addContact('ada@engines.co');
    await editContactField(db, ada.id, 'title', 'Countess');
    const undone = await editContactField(db, ada.id, 'title', '');
    expect(undone.title).toBeUndefined();
    expect(undone.userFields).toContain('title');
  });
});

describe('emails and phones', () => {
  it('adds, dedupes and removes them, refusing an address another contact has', async () => {
    const ada = await addContact('ada@engines.co');
    const bob = await addContact('bob@engines.co', 'Bob');
    await addContactEmail(db, ada.id, '  Countess@Engines.CO ');
    await addContactEmail(db, ada.id, 'countess@engines.co');
    expect((await db.contacts.get(ada.id))?.emails).toEqual(['ada@engines.co', 'countess@engines.co']);
    expect(await db.contacts.where('emails').equals('countess@engines.co').primaryKeys()).toEqual([ada.id]);
    await expect(addContactEmail(db, ada.id, 'bob@engines.co')).rejects.toThrow('bob@engines.co already belongs to Bob.');
    await expect(addContactEmail(db, bob.id, 'not an address')).rejects.toThrow('is not an email address');
    await removeContactEmail(db, ada.id, 'ada@engines.co');
    expect((await db.contacts.get(ada.id))?.emails).toEqual(['countess@engines.co']);

    await addContactPhone(db, ada.id, '020 7946 0000', 'GB');
    await addContactPhone(db, ada.id, '+44 20 7946 0000');
    expect((await db.contacts.get(ada.id))?.phones).toEqual(['+442079460000']);
    await expect(addContactPhone(db, ada.id, 'call me')).rejects.toThrow('is not a phone number');
    await removeContactPhone(db, ada.id, '+442079460000');
    expect((await db.contacts.get(ada.id))?.phones).toEqual([]);
  });
});

describe('tasks', () => {
  it('lists open tasks by due date and logs task-done on completion', async () => {
    const ada = await addContact('ada@engines.co');
    const bob = await addContact('bob@engines.co', 'Bob');
    const later = await addTask(db, { contactId: ada.id, title: 'Send contract', dueAt: 3 * DAY });
    const sooner = await addTask(db, { contactId: ada.id, title: '  Call back ', dueAt: 2 * DAY });
    await addTask(db, { contactId: bob.id, title: 'Intro', dueAt: DAY });
    expect((await listOpenTasks(db, ada.id)).map((t) => t.title)).toEqual(['Call back', 'Send contract']);
    expect((await listOpenTasks(db)).map((t) => t.title)).toEqual(['Intro', 'Call back', 'Send contract']);

    const done = await completeTask(db, sooner.id, 5 * DAY);
    expect(done.doneAt).toBe(5 * DAY);
    await completeTask(db, sooner.id, 6 * DAY);
    expect((await listOpenTasks(db, ada.id)).map((t) => t.id)).toEqual([later.id]);
    const history = await interactionsOf(db, ada.id);
    expect(history.map((i) => [i.kind, i.subject, i.at])).toEqual([['task-done', 'Call back', 5 * DAY]]);
  });

  it('refuses a task without a title or contact', async () => {
    const ada = await addContact('ada@engines.co');
    await expect(addTask(db, { contactId: ada.id, title: '  ', dueAt: 1 })).rejects.toThrow();
    await expect(addTask(db, { contactId: 'gone', title: 'x', dueAt: 1 })).rejects.toThrow('No contact');
    await expect(completeTask(db, 'nope')).rejects.toThrow('No task');
    expect(await db.tasks.count()).toBe(0);
  });
});
