import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  editContactField,
  findContactsForDetection,
  openCrmDatabase,
  recentContacts,
  saveDetectedContact,
  type CrmDatabase,
} from '@/lib/db';
import { DetectedContact } from '@/lib/model';

const detected = (input: Parameters<typeof DetectedContact.parse>[0]) => DetectedContact.parse(input);
const source = { kind: 'page', url: 'https://example.org/team' };

let db: CrmDatabase;
let dbCount = 0;

beforeEach(async () => {
  db = openCrmDatabase(`test-${++dbCount}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('saveDetectedContact', () => {
  it('creates a contact with lower-cased emails, canonical profiles and index keys', async () => {
    const { contact, created } = await saveDetectedContact(
      db,
      detected({
        name: 'Zoë Ångström',
        emails: ['Zoe@Example.ORG'],
        profiles: [{ kind: 'github', url: 'https://GitHub.com/zoe/' }],
      }),
      source,
      1000,
    );
    expect(created).toBe(true);
    const stored = await db.contacts.get(contact.id);
    expect(stored).toMatchObject({
      name: 'Zoë Ångström',
      emails: ['zoe@example.org'],
      profiles: [{ kind: 'github', url: 'https://github.com/zoe' }],
      profileUrls: ['https://github.com/zoe'],
      source: { kind: 'page', url: 'https://example.org/team', at: 1000 },
      createdAt: 1000,
    });
    // Served by the index, diacritics-insensitive.
    const found = await db.contacts.where('searchTokens').startsWith('angs').toArray();
    expect(found.map((c) => c.id)).toEqual([contact.id]);
  });

  it('merges into the contact sharing an email instead of creating a duplicate', async () => {
    const first = await saveDetectedContact(db, detected({ name: 'Ada', emails: ['ada@example.org'] }), source, 1);
    const second = await saveDetectedContact(
      db,
      detected({ emails: ['ADA@example.org', 'ada@work.example'], phones: ['+44 20 7946 0958'], company: 'Engines' }),
      source,
      2,
    );
    expect(second.created).toBe(false);
    expect(second.contact.id).toBe(first.contact.id);
    expect(await db.contacts.count()).toBe(1);
    const stored = await db.contacts.get(first.contact.id);
    expect(stored?.emails).toEqual(['ada@example.org', 'ada@work.example']);
    expect(stored?.phones).toEqual(['+442079460958']);
    expect(stored?.company).toBe('Engines');
    expect(stored?.updatedAt).toBe(2);
  });

  it('matches by profile URL whatever its case or trailing slash', async () => {
    const first = await saveDetectedContact(
      db,
      detected({ name: 'Octo', profiles: [{ kind: 'github', url: 'https://github.com/octocat' }] }),
      source,
    );
    const second = await saveDetectedContact(
      db,
      detected({ emails: ['octo@example.org'], profiles: [{ kind: 'github', url: 'HTTPS://GITHUB.COM/octocat/' }] }),
      source,
    );
    expect(second.contact.id).toBe(first.contact.id);
    expect((await db.contacts.get(first.contact.id))?.emails).toEqual(['octo@example.org']);
  });

  it('never overwrites a field the user typed, even one they cleared', async () => {
    const { contact } = await saveDetectedContact(db, detected({ name: 'A. Lovelace', emails: ['ada@example.org'] }), source);
    await editContactField(db, contact.id, 'name', 'Ada, Countess of Lovelace');
    await editContactField(db, contact.id, 'title', '');
    await saveDetectedContact(
      db,
      detected({ name: 'Scraped Name', title: 'Scraped Title', company: 'Engines', emails: ['ada@example.org'] }),
      source,
    );
    const stored = await db.contacts.get(contact.id);
    expect(stored?.name).toBe('Ada, Countess of Lovelace');
    expect(stored?.title).toBeUndefined();
    expect(stored?.company).toBe('Engines'); // untouched field: filled by the scrape
    expect(stored?.userFields.sort()).toEqual(['name', 'title']);
  });

  it('does not replace a scraped value with another scraped value', async () => {
    const { contact } = await saveDetectedContact(db, detected({ name: 'Ada Lovelace', emails: ['ada@example.org'] }), source);
    await saveDetectedContact(db, detected({ name: 'ada', emails: ['ada@example.org'] }), source);
    expect((await db.contacts.get(contact.id))?.name).toBe('Ada Lovelace');
  });

  it('ignores deleted contacts when matching', async () => {
    const { contact } = await saveDetectedContact(db, detected({ emails: ['gone@example.org'] }), source);
    await db.contacts.update(contact.id, { deletedAt: 5 });
    expect(await findContactsForDetection(db, detected({ emails: ['gone@example.org'] }))).toEqual([]);
    const again = await saveDetectedContact(db, detected({ emails: ['gone@example.org'] }), source);
    expect(again.created).toBe(true);
    expect((await recentContacts(db)).map((c) => c.id)).toEqual([again.contact.id]);
  });

  it('keeps one contact when the same person is saved twice at once', async () => {
    const person = detected({ name: 'Twin', emails: ['twin@example.org'] });
    await Promise.all([saveDetectedContact(db, person, source), saveDetectedContact(db, person, source)]);
    expect(await db.contacts.count()).toBe(1);
  });
});

describe('recentContacts', () => {
  it('lists the most recently changed first', async () => {
    await saveDetectedContact(db, detected({ name: 'Old', emails: ['old@example.org'] }), source, 1);
    await saveDetectedContact(db, detected({ name: 'New', emails: ['new@example.org'] }), source, 2);
    expect((await recentContacts(db)).map((c) => c.name)).toEqual(['New', 'Old']);
  });
});
