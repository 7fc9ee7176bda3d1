import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCrmDatabase, saveDetectedContact, searchContacts, type CrmDatabase } from '@/lib/db';
import { DetectedContact } from '@/lib/model';

let db: CrmDatabase;
let dbCount = 0;
beforeEach(async () => {
  db = openCrmDatabase(`search-${++dbCount}`);
  await db.open();
  const people = [
    { name: 'Zoë Ångström', emails: ['zoe@nordic-labs.se'], company: 'Nordic Labs' },
    { name: 'Ada Lovelace', emails: ['ada@analyticalengines.co.uk'], company: 'Analytical Engines' },
    { name: 'Adam Smith', emails: ['adam@wealth.org'], company: 'Wealth of Nations' },
    { name: 'Grace Hopper', emails: ['grace@cobol.dev'], company: 'Navy' },
  ];
  let at = 1;
  for (const person of people) await saveDetectedContact(db, DetectedContact.parse(person), { kind: 'test' }, at++);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const names = async (query: Parameters<typeof searchContacts>[1]) =>
  (await searchContacts(db, query)).contacts.map((contact) => contact.name);

describe('searchContacts', () => {
  it('prefix-matches names, emails and companies, ignoring case and diacritics', async () => {
    expect(await names({ text: 'ad' })).toEqual(['Ada Lovelace', 'Adam Smith']);
    expect(await names({ text: 'ANGS' })).toEqual(['Zoë Ångström']);
    expect(await names({ text: 'zoe' })).toEqual(['Zoë Ångström']);
    expect(await names({ text: 'cobol' })).toEqual(['Grace Hopper']);
    expect(await names({ text: 'analytical' })).toEqual(['Ada Lovelace']);
  });

  it('requires every word to match', async () => {
    expect(await names({ text: 'ada engines' })).toEqual(['Ada Lovelace']);
    expect(await names({ text: 'ada navy' })).toEqual([]);
  });

  it('does not match inside words', async () => {
    expect(await names({ text: 'ove' })).toEqual([]);
  });

  it('filters by stage and tag, and sorts by name or recency', async () => {
    const grace = (await searchContacts(db, { text: 'grace' })).contacts[0]!;
    await db.contacts.update(grace.id, { stage: 'customer', tags: ['vip'] });
    expect(await names({ stage: 'customer' })).toEqual(['Grace Hopper']);
    expect(await names({ tag: 'vip' })).toEqual(['Grace Hopper']);
    // "a" also prefixes the folded "angstrom"; Grace (now a customer) is filtered out by stage.
    expect(await names({ text: 'a', stage: 'lead' })).toEqual(['Ada Lovelace', 'Adam Smith', 'Zoë Ångström']);
    expect(await names({ sort: 'recent' })).toEqual(['Grace Hopper', 'Adam Smith', 'Ada Lovelace', 'Zoë Ångström']);
  });

  it('filters by value tier through the values table', async () => {
    const ada = (await searchContacts(db, { text: 'ada lovelace' })).contacts[0]!;
    await db.values.put({
      contactId: ada.id,
      historical: 100,
      predictedPurchases: null,
      pAlive: null,
      expectedSpend: null,
      clv: null,
      rfm: { r: 0, f: 0, m: 0 },
      tier: 'strategic',
      explanation: 'test',
      computedAt: 1,
    });
    expect(await names({ tier: 'strategic' })).toEqual(['Ada Lovelace']);
    expect(await names({ text: 'ad', tier: 'strategic' })).toEqual(['Ada Lovelace']);
  });

  it('is served by an index: the contacts table is never scanned whole', async () => {
    const table = db.contacts;
    const scan = vi.spyOn(table, 'toArray');
    const filter = vi.spyOn(table, 'filter');
    await searchContacts(db, { text: 'ada' });
    await searchContacts(db, { stage: 'lead' });
    expect(scan).not.toHaveBeenCalled();
    expect(filter).not.toHaveBeenCalled();
  });

  it('hides deleted contacts', async () => {
    const adam = (await searchContacts(db, { text: 'adam' })).contacts[0]!;
    await db.contacts.update(adam.id, { deletedAt: 5 });
    expect(await names({ text: 'ad' })).toEqual(['Ada Lovelace']);
  });
});
