import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { duplicatesOf, openCrmDatabase, sharedKeys, type CrmDatabase } from '@/lib/db';
import { withIndexKeys } from '@/lib/db/contact-keys';
import { Contact } from '@/lib/model';

let db: CrmDatabase;
let dbCount = 0;
beforeEach(async () => {
  db = openCrmDatabase(`duplicates-${++dbCount}`);
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

async function seed(fields: Partial<Contact> & { id: string; createdAt: number }): Promise<Contact> {
  const contact = Contact.parse(withIndexKeys(Contact.parse({ updatedAt: fields.createdAt, ...fields })));
  await db.contacts.put(contact);
  return contact;
}

describe('duplicatesOf', () => {
  beforeEach(async () => {
    await seed({ id: 'ada', name: 'Ada', createdAt: 5, emails: ['ada@example.org'], phones: ['+442079460000'], profiles: [{ kind: 'github', url: 'https://github.com/ada' }] });
    await seed({ id: 'by-email', name: 'A. Lovelace', createdAt: 3, emails: ['other@example.org', 'ada@example.org'] });
    await seed({ id: 'by-phone', name: 'Countess', createdAt: 4, phones: ['+442079460000'] });
    await seed({ id: 'by-profile', name: 'ada (GitHub)', createdAt: 6, profiles: [{ kind: 'github', url: 'https://github.com/ada' }] });
    await seed({ id: 'deleted', name: 'Old Ada', createdAt: 1, emails: ['ada@example.org'], deletedAt: 9 });
    await seed({ id: 'stranger', name: 'Bob', createdAt: 2, emails: ['bob@example.org'], phones: ['+442079460001'] });
  });

  it('finds live contacts sharing an email, a phone or a profile URL, oldest first', async () => {
    expect((await duplicatesOf(db, 'ada')).map((c) => c.id)).toEqual(['by-email', 'by-phone', 'by-profile']);
    expect((await duplicatesOf(db, 'by-phone')).map((c) => c.id)).toEqual(['ada']);
    expect(await duplicatesOf(db, 'stranger')).toEqual([]);
  });

  it('finds nothing for a deleted or unknown contact', async () => {
    expect(await duplicatesOf(db, 'deleted')).toEqual([]);
    expect(await duplicatesOf(db, 'nobody')).toEqual([]);
  });

  it('reads through the indexes, never the whole table', async () => {
    const scan = vi.spyOn(db.contacts, 'toArray');
    const filter = vi.spyOn(db.contacts, 'filter');
    const each = vi.spyOn(db.contacts, 'each');
    await duplicatesOf(db, 'ada');
    expect(scan).not.toHaveBeenCalled();
    expect(filter).not.toHaveBeenCalled();
    expect(each).not.toHaveBeenCalled();
  });

  it('says what two contacts share', async () => {
    const [ada, byEmail] = await db.contacts.bulkGet(['ada', 'by-phone']);
    expect(sharedKeys(ada!, byEmail!)).toEqual({ emails: [], phones: ['+442079460000'], profileUrls: [] });
  });
});
