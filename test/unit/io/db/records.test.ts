import { describe, expect, it } from 'vitest';
import { mergeImportedIntoContact, recordsFromImport } from '@/lib/io/records';
import { imported, parsedImport } from './fixtures';

const NOW = Date.UTC(2024, 4, 1);

describe('recordsFromImport', () => {
  it('turns imported people into valid contacts with canonical keys and index keys', () => {
    const { contacts, interactions, deals } = recordsFromImport(
      parsedImport({
        contacts: [
          imported({
            line: 2,
            name: '  Zoë Ångström ',
            emails: ['Zoe@Example.ORG', 'zoe@example.org'],
            phones: ['+44 20 7946 0000'],
            company: 'Acme',
            profiles: [{ kind: 'linkedin', url: 'https://uk.linkedin.com/in/ZoeA/' }],
            tags: [' vip ', 'VIP', 'friends'],
            avatarUrl: 'javascript:alert(1)',
          }),
        ],
      }),
      NOW,
    );
    expect(interactions).toEqual([]);
    expect(deals).toEqual([]);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      name: 'Zoë Ångström',
      emails: ['zoe@example.org'],
      phones: ['+442079460000'],
      company: 'Acme',
      profiles: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/zoea' }],
      profileUrls: ['https://www.linkedin.com/in/zoea'],
      tags: ['vip', 'friends'],
      stage: 'lead',
      userFields: [],
      source: { kind: 'import:google-csv', at: NOW },
      createdAt: NOW,
    });
    expect(contacts[0]!.avatarUrl).toBeUndefined();
    expect(contacts[0]!.searchTokens).toEqual(expect.arrayContaining(['zoe', 'angstrom', 'acme', 'zoe@example.org', 'vip']));
  });

  it('keeps a note as a "note" interaction of its contact', () => {
    const { contacts, interactions } = recordsFromImport(
      parsedImport({ contacts: [imported({ line: 2, name: 'Ada', emails: ['ada@example.org'], note: 'Met at the conference' })] }),
      NOW,
    );
    expect(interactions).toEqual([
      expect.objectContaining({ contactId: contacts[0]!.id, kind: 'note', at: NOW, body: 'Met at the conference' }),
    ]);
  });

  it('merges people who share an email or profile URL within one file', () => {
    const { contacts } = recordsFromImport(
      parsedImport({
        contacts: [
          imported({ line: 2, name: 'Ada', emails: ['ada@example.org'] }),
          imported({ line: 3, emails: ['ADA@example.org', 'ada@work.example'], company: 'Analytical Engines' }),
          imported({ line: 4, name: 'Grace', emails: ['grace@example.org'] }),
        ],
      }),
      NOW,
    );
    expect(contacts.map((c) => [c.name, c.emails, c.company])).toEqual([
      ['Ada', ['ada@example.org', 'ada@work.example'], 'Analytical Engines'],
      ['Grace', ['grace@example.org'], undefined],
    ]);
  });

  it('makes one contact per CDNOW customer id and a won deal per purchase', () => {
    const { contacts, deals } = recordsFromImport(
      parsedImport({
        format: 'cdnow',
        transactions: [
          { line: 1, contact: { id: '17' }, at: Date.UTC(1997, 0, 1), amount: 2999, currency: 'USD' },
          { line: 2, contact: { id: '17' }, at: Date.UTC(1997, 1, 3), amount: 1000, currency: 'USD' },
          { line: 3, contact: { id: '18' }, at: Date.UTC(1997, 0, 2), amount: 500, currency: 'USD' },
        ],
      }),
      NOW,
    );
    expect(contacts.map((c) => [c.name, c.tags, c.stage, c.source?.url])).toEqual([
      ['CDNOW customer 17', ['cdnow'], 'customer', 'customer:17'],
      ['CDNOW customer 18', ['cdnow'], 'customer', 'customer:18'],
    ]);
    expect(deals.map((d) => [d.contactId, d.amount, d.currency, d.status, d.at])).toEqual([
      [contacts[0]!.id, 2999, 'USD', 'won', Date.UTC(1997, 0, 1)],
      [contacts[0]!.id, 1000, 'USD', 'won', Date.UTC(1997, 1, 3)],
      [contacts[1]!.id, 500, 'USD', 'won', Date.UTC(1997, 0, 2)],
    ]);
  });

  it('gives email transactions to the file’s contact with that email, else to a new contact', () => {
    const { contacts, deals } = recordsFromImport(
      parsedImport({
        contacts: [imported({ line: 2, name: 'Ada', emails: ['ada@example.org'] })],
        transactions: [
          { line: 5, contact: { email: 'ada@example.org' }, at: 0, amount: 100, currency: 'EUR' },
          { line: 6, contact: { email: 'bob@example.org' }, at: 0, amount: 200, currency: 'EUR' },
        ],
      }),
      NOW,
    );
    expect(contacts.map((c) => c.emails)).toEqual([['ada@example.org'], ['bob@example.org']]);
    expect(deals.map((d) => d.contactId)).toEqual([contacts[0]!.id, contacts[1]!.id]);
  });
});

describe('mergeImportedIntoContact', () => {
  const [stored] = recordsFromImport(
    parsedImport({ contacts: [imported({ line: 2, name: 'Ada L.', emails: ['ada@example.org'], company: 'Old Co' })] }),
    NOW,
  ).contacts;
  const typed = { ...stored!, title: 'Countess', userFields: ['title' as const] };

  it('fills empty fields and unions lists, but keeps stored values without "update existing"', () => {
    const merged = mergeImportedIntoContact(
      typed,
      imported({ line: 9, name: 'Ada Lovelace', emails: ['ada@new.example'], location: 'London', company: 'New Co' }),
      { updateExisting: false },
      NOW + 1,
    );
    expect(merged).toMatchObject({ name: 'Ada L.', company: 'Old Co', location: 'London', title: 'Countess', emails: ['ada@example.org', 'ada@new.example'] });
  });

  it('replaces stored values with "update existing", except the ones the user typed', () => {
    const merged = mergeImportedIntoContact(typed, imported({ line: 9, name: 'Ada Lovelace', title: 'Analyst', company: 'New Co' }), { updateExisting: true }, NOW + 1);
    expect(merged).toMatchObject({ name: 'Ada Lovelace', company: 'New Co', title: 'Countess', updatedAt: NOW + 1 });
  });

  it('returns null when the file adds nothing', () => {
    expect(mergeImportedIntoContact(typed, imported({ line: 9, name: 'Ada L.', emails: ['ADA@example.org'] }), { updateExisting: true }, NOW + 1)).toBeNull();
  });
});
