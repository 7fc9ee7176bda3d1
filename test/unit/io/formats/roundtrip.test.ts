import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactsToCsv, contactsToVcard, parseImportFile, type ExportableContact } from '../../../../lib/io/formats';

const encode = (text: string) => new TextEncoder().encode(text);

// Values as lib/db stores them: trimmed, single spaces, lower-case emails, http(s) links.
// A component that ends in a backslash survives too (ical.js's `\\;` is worked around on import).
const word = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9'&.,;:()=+@\\"-]{1,12}$/);
const text = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((words) => words.join(' '));
const email = fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,10}$/), fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.constantFrom('com', 'org', 'de', 'co.uk')).map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const phone = fc.stringMatching(/^\+?[1-9][0-9]{1,3}([ -][0-9]{2,4}){1,3}$/);
const profile = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((slug) => ({ kind: 'linkedin', url: `https://www.linkedin.com/in/${slug}` })),
  fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((login) => ({ kind: 'github', url: `https://github.com/${login}` })),
  fc.tuple(fc.constantFrom('website', 'blog', 'mastodon'), fc.stringMatching(/^[a-z0-9]{1,12}$/)).map(([kind, host]) => ({ kind, url: `https://${host}.example.net/p?q=1&r=a,b` })),
);
const tag = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,;&+-]{0,20}[A-Za-z0-9]$/).filter((t) => !/\s{2}/.test(t) && !t.includes(':::'));

const contact: fc.Arbitrary<ExportableContact> = fc
  .record(
    {
      name: text(4),
      emails: fc.uniqueArray(email, { maxLength: 3 }),
      phones: fc.uniqueArray(phone, { maxLength: 3 }),
      company: text(4),
      title: text(4),
      location: text(4),
      avatarUrl: fc.stringMatching(/^[a-z0-9]{1,12}$/).map((file) => `https://img.example.net/${file}.png`),
      profiles: fc.uniqueArray(profile, { maxLength: 3, selector: (p) => p.url }),
      tags: fc.uniqueArray(tag, { maxLength: 3 }),
    },
    { requiredKeys: ['emails', 'phones', 'profiles', 'tags'] },
  )
  // A person the importer can know: a name, an email or a phone.
  .filter((c) => c.name !== undefined || c.emails.length > 0 || c.phones.length > 0);

/** The fields an import reads back, with absent optional fields left out. */
function fields(c: ExportableContact) {
  const out: Record<string, unknown> = { emails: c.emails, phones: c.phones, profiles: c.profiles, tags: c.tags };
  for (const key of ['name', 'company', 'title', 'location', 'avatarUrl'] as const) if (c[key] !== undefined) out[key] = c[key];
  return out;
}

describe('export → import round trips', () => {
  it('contacts → Google CSV → import gives the same fields', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(contact, { minLength: 1, maxLength: 8 }), async (contacts) => {
        const parsed = await parseImportFile(encode(contactsToCsv(contacts)));
        expect(parsed.format).toBe('google-csv');
        expect(parsed.rejected).toEqual([]);
        expect(parsed.contacts.map(({ line: _line, ...rest }) => rest)).toEqual(contacts.map(fields));
      }),
      { numRuns: 150 },
    );
  });

  it('contacts → vCard 4.0 → import gives the same fields', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(contact, { minLength: 1, maxLength: 8 }), async (contacts) => {
        const parsed = await parseImportFile(encode(contactsToVcard(contacts)));
        expect(parsed.format).toBe('vcard');
        expect(parsed.rejected).toEqual([]);
        expect(parsed.contacts.map(({ line: _line, ...rest }) => rest)).toEqual(contacts.map(fields));
      }),
      { numRuns: 150 },
    );
  });
});
