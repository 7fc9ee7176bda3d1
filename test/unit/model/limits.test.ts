/**
 * Issue 16, item 5 and 9: one set of per-contact limits and one email rule, enforced wherever data
 * enters — the model (so restore and pulled rows), the server's field check, typed edits, merges,
 * page captures and imports. Each test fails on the main before these limits (no caps, any string
 * as an email, any timestamp).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addContactEmail, addContactTag, mergeContacts, openCrmDatabase, saveDetectedContact, type CrmDatabase } from '@/lib/db';
import { mergeDetectedIntoContact } from '@/lib/db/merge-detected';
import { parseImportFile } from '@/lib/io/formats/parse-file';
import { planImport } from '@/lib/io/import-plan';
import { runImport } from '@/lib/io/import-run';
import { CONTACT_LIMITS, Contact, DetectedContact, Interaction, isEmailAddress, MAX_FUTURE_MS } from '@/lib/model';
import { modelProblem } from '@/lib/sync/shared/protocol';
import { imported, parsedImport } from '../io/db/fixtures';

const DAY = 24 * 60 * 60 * 1000;
const base = { id: 'c1', createdAt: 1, updatedAt: 1 };
const tags = (count: number) => Array.from({ length: count }, (_, index) => `tag ${index}`);
const emails = (count: number) => Array.from({ length: count }, (_, index) => `person${index}@example.org`);

describe('the contact model', () => {
  it('holds at most 50 emails, 50 phones, 50 profiles and 200 tags', () => {
    expect(Contact.safeParse({ ...base, tags: tags(200) }).success).toBe(true);
    expect(Contact.safeParse({ ...base, tags: tags(201) }).success).toBe(false);
    expect(Contact.safeParse({ ...base, emails: emails(50) }).success).toBe(true);
    expect(Contact.safeParse({ ...base, emails: emails(51) }).success).toBe(false);
    expect(Contact.safeParse({ ...base, phones: Array.from({ length: 51 }, (_, i) => `+1555000${i}`) }).success).toBe(false);
    const profiles = Array.from({ length: 51 }, (_, i) => ({ kind: 'web', url: `https://example.org/${i}` }));
    expect(Contact.safeParse({ ...base, profiles }).success).toBe(false);
    expect(CONTACT_LIMITS).toEqual({ emails: 50, phones: 50, profiles: 50, tags: 200 });
  });

  it('refuses a record time more than a day ahead, and takes one just under', () => {
    const now = Date.now();
    expect(Contact.safeParse({ ...base, updatedAt: now + MAX_FUTURE_MS - 60_000 }).success).toBe(true);
    expect(Contact.safeParse({ ...base, updatedAt: now + 2 * DAY }).success).toBe(false);
    expect(Contact.safeParse({ ...base, createdAt: Date.UTC(2099, 0, 1) }).success).toBe(false);
    expect(Interaction.safeParse({ id: 'i', contactId: 'c', kind: 'note', at: now + 2 * DAY }).success).toBe(false);
  });

  it('takes only addresses as emails: a mailto: that would add a Cc and a body is not one', () => {
    for (const bad of ['victim@x?cc=attacker@evil.example&body=hi', 'victim@x.org?cc=a@b.org', 'a b@x.org', 'a@localhost', 'a@x', '@x.org', 'a@@x.org', 'a@x.org>', '"a"@x.org']) {
      expect(isEmailAddress(bad), bad).toBe(false);
      expect(Contact.safeParse({ ...base, emails: [bad] }).success, bad).toBe(false);
    }
    for (const good of ['ada@example.org', 'o\'brien+crm@mail.example.ie', 'jürgen@müller.de', 'taro.@docomo.ne.jp', 'a@xn--mller-kva.de']) {
      expect(isEmailAddress(good), good).toBe(true);
    }
  });
});

describe('the server’s field check (modelProblem, the same model)', () => {
  const write = (value: unknown) => ({ value, hlc: '0000000000001:0000:client' }) as never;
  it('refuses 20,000 tags, a bad address and a far-future time with a reason', () => {
    expect(modelProblem('contacts', { tags: write(tags(20_000)) })).toMatch(/tags/);
    expect(modelProblem('contacts', { emails: write(['victim@x?cc=attacker@evil.example']) })).toMatch(/emails/);
    expect(modelProblem('contacts', { updatedAt: write(Date.now() + 3 * DAY) })).toMatch(/updatedAt/);
    expect(modelProblem('contacts', { tags: write(tags(200)) })).toBeUndefined();
  });
});

describe('writes that grow a contact', () => {
  let db: CrmDatabase;
  let count = 0;
  beforeEach(async () => {
    db = openCrmDatabase(`limits-test-${++count}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  async function stored(extra: Partial<Contact> = {}) {
    const { contact } = await saveDetectedContact(db, DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@example.org'] }), { kind: 'page' }, Date.now() - 1000);
    if (Object.keys(extra).length > 0) await db.contacts.update(contact.id, extra);
    return (await db.contacts.get(contact.id))!;
  }

  it('a typed tag or email beyond the limit is refused in plain words; the contact is unchanged', async () => {
    const ada = await stored({ tags: tags(200), emails: emails(50) });
    await expect(addContactTag(db, ada.id, 'one more')).rejects.toThrow('This contact already has 200 tags, the most one contact can hold. Remove one first.');
    await expect(addContactEmail(db, ada.id, 'new@example.org')).rejects.toThrow(/already has 50 email addresses/);
    await expect(addContactEmail(db, ada.id, 'victim@x?cc=attacker@evil.example')).rejects.toThrow(/is not an email address/);
    expect((await db.contacts.get(ada.id))!.tags).toHaveLength(200);
  });

  it('merging two contacts that together go over a limit is refused and keeps both', async () => {
    const ada = await stored({ tags: tags(150) });
    const { contact: other } = await saveDetectedContact(db, DetectedContact.parse({ name: 'A. Lovelace', emails: ['al@example.org'] }), { kind: 'page' }, Date.now() - 1000);
    await db.contacts.update(other.id, { tags: tags(300).slice(150) });
    await expect(mergeContacts(db, ada.id, other.id, {})).rejects.toThrow(/would have 300 tags \(one contact holds at most 200\)/);
    expect(await db.contacts.get(other.id)).toBeDefined();
  });

  it('a page capture keeps the stored values and drops scraped ones beyond the limit', async () => {
    const ada = await stored({ emails: emails(50) });
    const merged = mergeDetectedIntoContact(ada, DetectedContact.parse({ emails: ['extra@example.org'] }), Date.now());
    expect(merged.emails).toEqual(emails(50));
    expect(Contact.safeParse(merged).success).toBe(true);
  });

  it('an imported card with 20,000 tags is refused with its line; the other cards are imported', async () => {
    const card = (name: string, categories: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nEMAIL:${name.toLowerCase()}@example.org\r\nCATEGORIES:${categories}\r\nEND:VCARD\r\n`;
    const file = card('Grace', 'vip') + card('Tagged', tags(20_000).join(','));
    const parsed = await parseImportFile(new TextEncoder().encode(file), { fileName: 'people.vcf' });
    expect(parsed.rejected).toEqual([{ line: 7, reason: '20000 tags (one contact holds at most 200)' }]);
    expect(parsed.contacts.map((person) => person.name)).toEqual(['Grace']);
  });

  it('an import that would push a stored contact over a limit is refused for that person, with its line', async () => {
    const ada = await stored({ tags: tags(199) });
    const plan = await planImport(
      db,
      parsedImport({ contacts: [imported({ line: 2, name: 'Ada', emails: ['ada@example.org'], tags: ['x', 'y'] }), imported({ line: 3, name: 'Grace', emails: ['grace@example.org'] })] }),
      { updateExisting: false, now: Date.now() },
    );
    const result = await runImport(db, plan);
    expect(result.rejected).toEqual([{ line: 2, reason: 'merged into Ada Lovelace, it would have 201 tags (one contact holds at most 200)' }]);
    expect(result.created).toBe(1);
    expect((await db.contacts.get(ada.id))!.tags).toHaveLength(199);
  });
});
