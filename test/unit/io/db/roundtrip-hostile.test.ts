/**
 * Issue 17's round trip, measured: contacts with hostile text (commas, semicolons, backslashes,
 * quotes, line breaks, emoji, RTL, CJK, combining marks), vanity and pause phones, up to 50
 * emails and several addresses are imported from a file, exported (CSV, vCard 3.0, vCard 4.0,
 * JSON backup) and imported again: every stored field comes back byte-equal. The only changes
 * are the documented ones, checked against the generated values: runs of white space in a
 * one-line field become one space and the ends are trimmed; emails are lower-cased; a phone is
 * stored by its key (E.164 where possible) with its text beside it; an address that holds only
 * the location's place is the location.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBackup, serializeBackup, type Backup } from '../../../../lib/io/backup';
import { backupFromImport } from '../../../../lib/io/convert';
import { contactsToCsv, contactsToVcard, parseImportFile, type ExportableContact } from '../../../../lib/io/formats';
import { recordsFromImport } from '../../../../lib/io/records';
import { ADDRESS_PARTS, phoneAsWritten, type Contact, type PostalAddress } from '../../../../lib/model';
import { phoneKey } from '../../../../lib/model/phone';

const encode = (text: string) => new TextEncoder().encode(text);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const HOSTILE = [',', ';', '\\', '\\;', 'a\\', '"', '"quoted"', "'", ':', '=1+2', '-3', '@home', '👩‍💻', '🇩🇪', 'שלום', 'مرحبا', '東京都', '김', 'e\u0301', 'Zoë', 'Ünïcödé', 'a,b;c', '\\n', 'x\ny', 'tab\there'];
const atom = fc.oneof(fc.constantFrom(...HOSTILE), fc.stringMatching(/^[A-Za-z0-9]{1,8}$/));
const text = (max: number) =>
  fc
    .array(atom, { minLength: 1, maxLength: max })
    .map((atoms) => atoms.join(' '))
    .filter((t) => oneLine(t) !== '' && oneLine(t).length <= 120);
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,10}$/), fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.constantFrom('com', 'org', 'de'))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)
  .filter((e) => !/\.\.|\.@/.test(e));
const phone = fc.oneof(
  fc.stringMatching(/^\+?[1-9][0-9]{1,3}([ -][0-9]{2,4}){1,3}$/),
  fc.constantFrom('1 800 ELEPHANT', '1-800-FLOWERS', 'p1234p5678w9', '+1 650 253 0000 p123', '+44 20 7946 0000,,1234', '+1 650 253 0000,123;45', '555-0100 w 42', '1234 business phone 2', '(0)30 1234 5678'),
);
const profile = fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((slug) => ({ kind: 'github', url: `https://github.com/${slug}` }));
const tag = text(3).filter((t) => !t.includes(':::') && oneLine(t).length <= 80);
const address: fc.Arbitrary<PostalAddress> = fc
  .record(
    {
      type: fc.constantFrom('home', 'work', 'other'),
      street: text(3),
      extended: text(2),
      locality: text(2),
      region: text(1),
      postalCode: fc.stringMatching(/^[0-9A-Z]{3,6}$/),
      country: text(2),
    },
    { requiredKeys: ['street'] },
  )
  .map((entry) => entry as PostalAddress);

const contact: fc.Arbitrary<ExportableContact> = fc
  .record(
    {
      name: text(5),
      emails: fc.uniqueArray(email, { maxLength: 50 }),
      phones: fc.uniqueArray(phone, { maxLength: 4, selector: (p) => phoneKey(p) }),
      company: text(4),
      title: text(4),
      location: text(3),
      addresses: fc.array(address, { maxLength: 3 }),
      profiles: fc.uniqueArray(profile, { maxLength: 2, selector: (p) => p.url }),
      tags: fc.uniqueArray(tag, { maxLength: 4, selector: (t) => oneLine(t).toLowerCase() }),
    },
    { requiredKeys: ['emails', 'phones', 'profiles', 'tags'] },
  )
  // Distinct people: a shared email, phone or profile would fold two rows into one contact.
  .filter((c) => c.name !== undefined || c.emails.length > 0 || c.phones.length > 0);

const people = fc.array(contact, { minLength: 1, maxLength: 4 }).filter((list) => {
  const emails = list.flatMap((c) => c.emails);
  const phones = list.flatMap((c) => c.phones.map((p) => phoneKey(p)));
  const urls = list.flatMap((c) => c.profiles.map((p) => p.url));
  return new Set(emails).size === emails.length && new Set(phones).size === phones.length && new Set(urls).size === urls.length && list.every((c) => c.emails.length > 0 || c.phones.length > 0 || !list.some((o) => o !== c && o.name === c.name));
});

/** The stored fields of a contact, as compared: everything synced but ids, times and source. */
function fields(c: Contact) {
  return {
    name: c.name,
    emails: c.emails,
    phones: c.phones,
    phonesAsWritten: c.phones.map((p) => phoneAsWritten(c, p)),
    company: c.company,
    title: c.title,
    location: c.location,
    addresses: c.addresses ?? [],
    profiles: c.profiles,
    tags: c.tags,
  };
}

async function importText(file: string): Promise<Contact[]> {
  const parsed = await parseImportFile(encode(file));
  expect(parsed.rejected).toEqual([]);
  return recordsFromImport(parsed, 1_700_000_000_000).contacts;
}

const EXPORTS: Record<string, (contacts: Contact[]) => Promise<Contact[]>> = {
  csv: (contacts) => importText(contactsToCsv(contacts)),
  'vcard 3.0': (contacts) => importText(contactsToVcard(contacts, { version: '3.0' })),
  'vcard 4.0': (contacts) => importText(contactsToVcard(contacts)),
  'json backup': async (contacts) => {
    const backup = backupFromImport({ format: 'vcard', rows: 0, contacts: [], transactions: [], rejected: [], notices: [] }, 1, 1_700_000_000_000) as Backup;
    backup.tables.contacts = contacts.map(({ profileUrls: _u, searchTokens: _s, ...row }) => row) as Backup['tables']['contacts'];
    const parsed = parseBackup(serializeBackup(backup));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.refused).toEqual([]);
    return parsed.backup.tables.contacts as Contact[];
  },
};

describe('issue 17 round trip: import → export → import keeps every field', () => {
  it('from a vCard 4.0 file, through CSV, vCard 3.0, vCard 4.0 and the JSON backup', async () => {
    await fc.assert(
      fc.asyncProperty(people, async (generated) => {
        const imported = await importText(contactsToVcard(generated));
        expect(imported).toHaveLength(generated.length);
        // The first import changes only what is documented.
        imported.forEach((stored, i) => {
          const source = generated[i]!;
          expect(stored.name).toBe(source.name === undefined ? undefined : oneLine(source.name));
          expect(stored.company).toBe(source.company === undefined ? undefined : oneLine(source.company));
          expect(stored.title).toBe(source.title === undefined ? undefined : oneLine(source.title));
          expect(stored.emails).toEqual(source.emails);
          expect(stored.phones.map((p) => phoneAsWritten(stored, p))).toEqual(source.phones.map(oneLine));
          expect(stored.phones).toEqual(source.phones.map((p) => phoneKey(p)));
          expect(stored.tags).toEqual(source.tags.map(oneLine));
          const oneLineParts = (a: PostalAddress) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, oneLine(v)]));
          for (const kept of stored.addresses ?? []) expect((source.addresses ?? []).map(oneLineParts)).toContainEqual(kept);
          expect(ADDRESS_PARTS.length).toBe(7);
        });
        for (const [format, roundTrip] of Object.entries(EXPORTS)) {
          const again = await roundTrip(imported);
          expect(again.map(fields), format).toEqual(imported.map(fields));
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
