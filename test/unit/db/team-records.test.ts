/**
 * Team stamps and owners in lib/db (issue 18), on a real (fake-indexeddb) database: what a new
 * row records while syncing and not, the owner and visibility changes, the owner filter of All
 * contacts, whose records next best actions are about, and the version 6 owner index.
 */
import { ReadOnlyMemberError } from '@/lib/db/outbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDeal,
  addInteraction,
  addTask,
  logEmailThread,
  MEMBERSHIP_ROW,
  openCrmDatabase,
  readActionScope,
  saveDetectedContact,
  saveTeamPrefs,
  searchContacts,
  setContactOwner,
  setContactStage,
  setDealOwner,
  setInteractionVisibility,
  type CrmDatabase,
} from '@/lib/db';
import { readNextBestActions } from '@/lib/db/queries/nba';
import { tasksToRemind } from '@/lib/db/queries/tasks';
import { DetectedContact, EmailThreadContext, UNASSIGNED, type ContactValue } from '@/lib/model';
import { DEFAULT_NBA_SETTINGS } from '@/lib/nba';
import { MEMBERSHIP_KEY, saveMembership, type Membership } from '@/lib/sync/client/membership';
import { openShippedVersion } from './shipped-schemas';

let db: CrmDatabase;
let count = 0;
beforeEach(async () => {
  db = openCrmDatabase(`team-records-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const DANA = 'usr_dana';
const RAVI = 'usr_ravi';
const membership: Membership = {
  user: DANA,
  workspace: 'ws_1',
  workspaceName: 'Acme sales',
  role: 'editor',
  members: [
    { user: DANA, email: 'dana@acme.io', name: 'Dana', role: 'editor', lastSeenAt: null },
    { user: RAVI, email: 'ravi@acme.io', name: 'Ravi', role: 'owner', lastSeenAt: null },
  ],
};

async function person(name: string, at?: number) {
  const detected = DetectedContact.parse({ name, emails: [`${name.toLowerCase().replace(/\W+/g, '.')}@example.org`] });
  return (await saveDetectedContact(db, detected, { kind: 'page' }, at)).contact;
}

const thread = (email: string) =>
  EmailThreadContext.parse({
    kind: 'email-thread',
    site: 'gmail',
    threadId: 't1',
    subject: 'Hello',
    url: 'https://mail.google.com/mail/u/0/#inbox/t1',
    account: 'dana@acme.io',
    messages: [{ id: 'm1', from: email, to: ['dana@acme.io'], date: Date.now() - 60_000 }],
  });

describe('team stamps on new rows', () => {
  it('reads the membership row lib/sync/client writes', () => {
    expect(MEMBERSHIP_ROW).toBe(MEMBERSHIP_KEY);
  });

  it('stamps nothing in a book of one: rows look as before', async () => {
    const ada = await person('Ada Lovelace');
    expect(ada).not.toHaveProperty('ownerId');
    const note = await addInteraction(db, { contactId: ada.id, kind: 'note', at: Date.now(), body: 'Hi' });
    expect(note).not.toHaveProperty('visibility');
    expect(note).not.toHaveProperty('authorId');
    await logEmailThread(db, thread('ada.lovelace@example.org'));
    const [email] = await db.interactions.where('externalId').equals('m1').toArray();
    expect(email).not.toHaveProperty('visibility');
    expect(await addDeal(db, { contactId: ada.id, title: 'Engine', amount: 1, currency: 'EUR', status: 'open', at: 1 })).not.toHaveProperty('ownerId');
    expect(await readActionScope(db)).toBeUndefined();
  });

  it('while syncing: the creator owns and authors; captured emails are private, typed entries team', async () => {
    await saveMembership(membership, db);
    const ada = await person('Ada Lovelace');
    expect(ada.ownerId).toBe(DANA);
    const note = await addInteraction(db, { contactId: ada.id, kind: 'call', at: Date.now(), outcome: 'Interested' });
    expect(note).toMatchObject({ visibility: 'team', authorId: DANA });
    // The log form may choose private for a typed entry.
    expect(await addInteraction(db, { contactId: ada.id, kind: 'note', at: Date.now(), body: 'Salary', visibility: 'private' })).toMatchObject({ visibility: 'private' });
    await logEmailThread(db, thread('ada.lovelace@example.org'));
    expect(await db.interactions.where('externalId').equals('m1').first()).toMatchObject({ visibility: 'private', authorId: DANA });
    expect(await addDeal(db, { contactId: ada.id, title: 'Engine', amount: 1, currency: 'EUR', status: 'open', at: 1 })).toMatchObject({ ownerId: DANA, authorId: DANA });
    expect(await addTask(db, { contactId: ada.id, title: 'Call back', dueAt: Date.now() })).toMatchObject({ authorId: DANA });
    // A person seen again is merged, and keeps the owner they have.
    await setContactOwner(db, ada.id, RAVI);
    await person('Ada Lovelace');
    expect((await db.contacts.get(ada.id))?.ownerId).toBe(RAVI);
  });

  it('shares captured emails with the team when the workspace’s setting says so; a removed member stamps nothing', async () => {
    await saveMembership({ ...membership, settings: { capturedEmails: 'team' } }, db);
    await person('Ada Lovelace');
    await logEmailThread(db, thread('ada.lovelace@example.org'));
    expect(await db.interactions.where('externalId').equals('m1').first()).toMatchObject({ visibility: 'team' });
    // A workspace without the setting (or a server without settings): private.
    await saveMembership({ ...membership, workspace: 'ws_2' }, db);
    await person('Bob Babbage');
    await logEmailThread(db, { ...thread('bob.babbage@example.org'), messages: [{ id: 'm2', from: 'bob.babbage@example.org', to: [], cc: [] }] });
    expect(await db.interactions.where('externalId').equals('m2').first()).toMatchObject({ visibility: 'private' });
    // Removed: nothing is stamped, and nothing is written at all until the member keeps a local copy.
    await saveMembership({ ...membership, removedAt: 5 }, db);
    await expect(person('Cy Clone')).rejects.toThrow(ReadOnlyMemberError);
    await db.meta.delete('sync:membership');
    expect(await person('Cy Clone')).not.toHaveProperty('ownerId');
  });
});

describe('owners and visibility changes', () => {
  it('hands a contact and a deal over and back to nobody; the outbox sends the cleared owner as null', async () => {
    await saveMembership(membership, db);
    const ada = await person('Ada Lovelace');
    await setContactOwner(db, ada.id, RAVI);
    expect((await db.contacts.get(ada.id))?.ownerId).toBe(RAVI);
    await setContactOwner(db, ada.id, undefined);
    expect(await db.contacts.get(ada.id)).not.toHaveProperty('ownerId');
    expect((await db.outbox.get(['contacts', ada.id]))?.fields.ownerId?.value).toBeNull();
    const deal = await addDeal(db, { contactId: ada.id, title: 'Engine', amount: 1, currency: 'EUR', status: 'open', at: 1 });
    expect((await setDealOwner(db, deal.id, RAVI)).ownerId).toBe(RAVI);
    expect(await setDealOwner(db, deal.id, undefined)).not.toHaveProperty('ownerId');
    await expect(setContactOwner(db, 'nobody', DANA)).rejects.toThrow('No contact with id nobody');
  });

  it('lets only the author switch an entry between private and team', async () => {
    await saveMembership(membership, db);
    const ada = await person('Ada Lovelace');
    const mine = await addInteraction(db, { contactId: ada.id, kind: 'note', at: Date.now(), body: 'Mine' });
    await setInteractionVisibility(db, mine.id, 'private', DANA);
    expect((await db.interactions.get(mine.id))?.visibility).toBe('private');
    expect((await db.outbox.get(['interactions', mine.id]))?.fields.visibility?.value).toBe('private');
    await db.interactions.put({ id: 'ravis', contactId: ada.id, kind: 'call', at: 1, authorId: RAVI });
    await expect(setInteractionVisibility(db, 'ravis', 'private', DANA)).rejects.toThrow('Only the member who logged this entry can change who sees it.');
    expect((await db.interactions.get('ravis'))?.visibility).toBeUndefined();
  });
});

describe('the owner filter of All contacts', () => {
  it('finds mine, a member’s and the unassigned, with other filters and words', async () => {
    const ada = await person('Ada Lovelace');
    const bob = await person('Bob Lovelace');
    await person('Cy Unowned');
    await setContactOwner(db, ada.id, DANA);
    await setContactOwner(db, bob.id, RAVI);
    const names = async (query: Parameters<typeof searchContacts>[1]) => (await searchContacts(db, query)).contacts.map((c) => c.name);
    expect(await names({ owner: DANA })).toEqual(['Ada Lovelace']);
    expect(await names({ owner: RAVI })).toEqual(['Bob Lovelace']);
    expect(await names({ owner: UNASSIGNED })).toEqual(['Cy Unowned']);
    expect(await names({ owner: RAVI, text: 'love' })).toEqual(['Bob Lovelace']);
    expect(await names({ owner: DANA, stage: 'customer' })).toEqual([]);
    expect(await names({})).toEqual(['Ada Lovelace', 'Bob Lovelace', 'Cy Unowned']);
  });
});

describe('whose records next best actions are about', () => {
  const NOW = Date.now();
  const DAY = 86_400_000;
  const strategic = (contactId: string): ContactValue => ({
    contactId, historical: 1000, predictedPurchases: null, pAlive: null, expectedSpend: null, clv: null, rfm: { r: 0, f: 0, m: 0 }, tier: 'strategic', explanation: '', computedAt: NOW,
  });

  it('suggests for my own and unassigned contacts, and for the team’s when the preference says so', async () => {
    const ada = await person('Ada Mine', NOW - 200 * DAY);
    const bob = await person('Bob Ravis', NOW - 200 * DAY);
    const cy = await person('Cy Nobody', NOW - 200 * DAY);
    for (const c of [ada, bob, cy]) await setContactStage(db, c.id, 'expansion', NOW - 100 * DAY);
    await db.values.bulkPut([strategic(ada.id), strategic(bob.id), strategic(cy.id)]);
    await setContactOwner(db, ada.id, DANA);
    await setContactOwner(db, bob.id, RAVI);
    const suggested = async () => [...new Set((await readNextBestActions(db, { ...DEFAULT_NBA_SETTINGS }, {}, NOW)).suggestions.map((s) => s.contactName))].sort();
    // A book of one: everyone's.
    expect(await suggested()).toEqual(['Ada Mine', 'Bob Ravis', 'Cy Nobody']);
    await saveMembership(membership, db);
    expect(await readActionScope(db)).toBe(DANA);
    expect(await suggested()).toEqual(['Ada Mine', 'Cy Nobody']);
    await saveTeamPrefs(db, 'ws_1', { teamActions: true });
    expect(await readActionScope(db)).toBeUndefined();
    expect(await suggested()).toEqual(['Ada Mine', 'Bob Ravis', 'Cy Nobody']);
  });
});

describe('whose follow-ups the reminders and the badge count', () => {
  it('mine and unassigned contacts’ while syncing, everyone’s in a book of one or with the team preference', async () => {
    const ada = await person('Ada Mine');
    const bob = await person('Bob Ravis');
    const cy = await person('Cy Nobody');
    await setContactOwner(db, ada.id, DANA);
    await setContactOwner(db, bob.id, RAVI);
    for (const c of [ada, bob, cy]) await addTask(db, { contactId: c.id, title: `Call ${c.name}`, dueAt: Date.now() });
    const titles = async () => (await tasksToRemind(db)).map((task) => task.title).sort();
    expect(await titles()).toEqual(['Call Ada Mine', 'Call Bob Ravis', 'Call Cy Nobody']);
    await saveMembership(membership, db);
    expect(await titles()).toEqual(['Call Ada Mine', 'Call Cy Nobody']);
    await saveTeamPrefs(db, 'ws_1', { teamActions: true });
    expect(await titles()).toEqual(['Call Ada Mine', 'Call Bob Ravis', 'Call Cy Nobody']);
  });
});

describe('schema version 5 → 6', () => {
  it('indexes owners, and keeps the rows as they were', async () => {
    const name = `team-records-upgrade-${++count}`;
    const v5 = openShippedVersion(name, 5);
    await v5.open();
    const row = { id: 'ada', name: 'Ada', emails: [], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [], createdAt: 1, updatedAt: 1, profileUrls: [], searchTokens: ['ada'] };
    await v5.table('contacts').add(row);
    await expect(v5.table('contacts').where('ownerId').equals(DANA).toArray()).rejects.toThrow();
    v5.close();
    const upgraded = openCrmDatabase(name);
    try {
      expect(await upgraded.contacts.get('ada')).toEqual(row);
      await setContactOwner(upgraded, 'ada', DANA, 2);
      expect(await upgraded.contacts.where('ownerId').equals(DANA).primaryKeys()).toEqual(['ada']);
    } finally {
      await upgraded.delete();
    }
  });
});
