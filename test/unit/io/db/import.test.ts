import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activityOf,
  addDeal,
  editContactField,
  interactionsOf,
  openCrmDatabase,
  saveDetectedContact,
  wonDealsRevision,
  type CrmDatabase,
} from '@/lib/db';
import { planImport } from '@/lib/io/import-plan';
import { runImport } from '@/lib/io/import-run';
import { recallMapping, rememberMapping } from '@/lib/io/mapping-memory';
import { Contact, DetectedContact } from '@/lib/model';
import { imported, parsedImport } from './fixtures';

const NOW = Date.UTC(2024, 4, 1);
let db: CrmDatabase;
let count = 0;

beforeEach(async () => {
  db = openCrmDatabase(`import-test-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function storeAda() {
  const { contact } = await saveDetectedContact(
    db,
    DetectedContact.parse({ name: 'Ada L.', emails: ['ada@example.org'], profiles: [{ kind: 'github', url: 'https://github.com/ada' }] }),
    { kind: 'page' },
    NOW - 1000,
  );
  return contact;
}

describe('planImport', () => {
  it('previews create, merge (by email or profile URL) and skip with counts, writing nothing', async () => {
    const ada = await storeAda();
    const parsed = parsedImport({
      contacts: [
        imported({ line: 2, name: 'Grace', emails: ['grace@example.org'] }),
        imported({ line: 3, name: 'Ada Lovelace', emails: ['ADA@example.org'], phones: ['+44 20 7946 0000'] }),
        imported({ line: 4, name: 'Ada', profiles: [{ kind: 'github', url: 'https://github.com/Ada/' }] }),
        imported({ line: 5, name: 'Grace Hopper', emails: ['grace@example.org'], company: 'Navy' }),
      ],
      rejected: [{ line: 6, reason: 'No name, email, phone or profile.' }],
    });
    const before = await db.contacts.count();
    const plan = await planImport(db, parsed, { updateExisting: false, now: NOW });
    expect(await db.contacts.count()).toBe(before);
    expect(plan.contacts.map((c) => [c.line, c.action, c.contactId === ada.id ? 'ada' : undefined])).toEqual([
      [2, 'create', undefined],
      [3, 'merge', 'ada'],
      [4, 'skip', 'ada'],
      [5, 'skip', undefined],
    ]);
    expect(plan.contacts[2]!.reason).toMatch(/nothing new/);
    expect(plan.contacts[3]!.reason).toBe('Same person as line 2; merged into it.');
    expect(plan.counts).toMatchObject({ create: 1, merge: 1, skip: 2, rejected: 1 });
  });

  it('matches a person known only by a phone through the phones index, but not one who has an email', async () => {
    await runImport(db, await planImport(db, parsedImport({ contacts: [imported({ line: 2, name: 'Aiko', phones: ['+81 90-1234-5678'] })] }), { updateExisting: false }));
    const plan = await planImport(
      db,
      parsedImport({
        contacts: [
          imported({ line: 2, name: 'Aiko', phones: ['+81 90 1234 5678'], tags: ['recruiting'] }),
          imported({ line: 3, name: 'Colleague', emails: ['c@example.org'], phones: ['+81 90 1234 5678'] }),
        ],
      }),
      { updateExisting: false },
    );
    expect(plan.contacts.map((c) => c.action)).toEqual(['merge', 'create']);
  });

  it('with "update existing", a different value makes a merge; without it, a skip', async () => {
    await storeAda();
    const parsed = parsedImport({ contacts: [imported({ line: 2, name: 'Ada Lovelace', emails: ['ada@example.org'] })] });
    expect((await planImport(db, parsed, { updateExisting: false })).counts).toMatchObject({ merge: 0, skip: 1 });
    expect((await planImport(db, parsed, { updateExisting: true })).counts).toMatchObject({ merge: 1, skip: 0 });
  });

  it('matches purchases to stored contacts or the file’s people, and rejects the rest with their line', async () => {
    const ada = await storeAda();
    const plan = await planImport(
      db,
      parsedImport({
        format: 'transactions-csv',
        contacts: [imported({ line: 2, name: 'Grace', emails: ['grace@example.org'] })],
        transactions: [
          { line: 3, contact: { email: 'ada@example.org' }, at: NOW, amount: 100, currency: 'EUR' },
          { line: 4, contact: { email: 'grace@example.org' }, at: NOW, amount: 200, currency: 'EUR' },
          { line: 5, contact: { email: 'nobody@example.org' }, at: NOW, amount: 300, currency: 'EUR' },
          { line: 6, contact: { id: ada.id }, at: NOW, amount: 400, currency: 'EUR' },
        ],
      }),
      { updateExisting: false },
    );
    expect(plan.transactions.map((t) => [t.transaction.line, t.target.kind])).toEqual([
      [3, 'stored'],
      [4, 'file'],
      [6, 'stored'],
    ]);
    expect(plan.rejected).toEqual([{ line: 5, reason: expect.stringContaining('nobody@example.org') }]);
  });
});

describe('runImport', () => {
  it('writes the plan: new contacts, merges that never overwrite, notes and won deals through lib/db', async () => {
    const ada = await storeAda();
    await editContactField(db, ada.id, 'company', 'Typed Co', NOW - 500);
    const revision = await wonDealsRevision(db);
    const plan = await planImport(
      db,
      parsedImport({
        format: 'transactions-csv',
        contacts: [
          imported({ line: 2, name: 'Grace', emails: ['grace@example.org'], note: 'Likes COBOL' }),
          imported({ line: 3, name: 'Ada Lovelace', emails: ['ada@example.org'], company: 'File Co', location: 'London' }),
        ],
        transactions: [{ line: 4, contact: { email: 'grace@example.org' }, at: NOW - 86_400_000, amount: 2500, currency: 'USD' }],
      }),
      { updateExisting: true, now: NOW },
    );
    const result = await runImport(db, plan, { now: NOW });
    expect(result).toMatchObject({ created: 1, merged: 1, skipped: 0, notes: 1, deals: 1, cancelled: false });

    const stored = await db.contacts.get(ada.id);
    // update existing replaced the name, but the company the user typed stays.
    expect(stored).toMatchObject({ name: 'Ada Lovelace', company: 'Typed Co', location: 'London' });
    const [grace] = await db.contacts.where('emails').equals('grace@example.org').toArray();
    expect(grace).toMatchObject({ name: 'Grace', source: { kind: 'import:transactions-csv' } });
    expect(grace!.searchTokens).toContain('grace');
    expect((await interactionsOf(db, grace!.id)).map((i) => [i.kind, i.body])).toEqual([['note', 'Likes COBOL']]);
    expect(await activityOf(db, grace!.id)).toMatchObject({ wonValue: 2500 });
    expect(await wonDealsRevision(db)).toBeGreaterThan(revision);
  });

  it('importing the same file twice adds nothing the second time', async () => {
    const parsed = parsedImport({
      format: 'cdnow',
      transactions: [
        { line: 1, contact: { id: '1' }, at: Date.UTC(1997, 0, 1), amount: 1177, currency: 'USD' },
        { line: 2, contact: { id: '1' }, at: Date.UTC(1997, 0, 1), amount: 1177, currency: 'USD' },
        { line: 3, contact: { id: '2' }, at: Date.UTC(1997, 0, 12), amount: 1200, currency: 'USD' },
      ],
    });
    const first = await runImport(db, await planImport(db, parsed, { updateExisting: false }));
    expect(first).toMatchObject({ customers: 2, deals: 3 });
    const again = await planImport(db, parsed, { updateExisting: false });
    expect(again.counts).toMatchObject({ customers: 0, deals: 0, dealsSkipped: 3 });
    await runImport(db, again);
    expect(await db.contacts.count()).toBe(2);
    expect(await db.deals.count()).toBe(3);
  });

  it('merges a planned new contact into one added after the preview instead of duplicating it', async () => {
    const plan = await planImport(db, parsedImport({ contacts: [imported({ line: 2, name: 'Ada', emails: ['ada@example.org'], company: 'File Co' })] }), {
      updateExisting: false,
    });
    const ada = await storeAda();
    await editContactField(db, ada.id, 'name', 'Ada (typed)', NOW);
    await runImport(db, plan);
    expect(await db.contacts.count()).toBe(1);
    expect(await db.contacts.get(ada.id)).toMatchObject({ name: 'Ada (typed)', company: 'File Co' });
  });

  it('merges a planned new person into a contact another page adds while the import runs', async () => {
    const people = Array.from({ length: 6 }, (_, i) => imported({ line: i + 2, name: `Person ${i}`, emails: [`p${i}@example.org`] }));
    const plan = await planImport(db, parsedImport({ contacts: people }), { updateExisting: false });
    const other = openCrmDatabase(db.name);
    await other.open();
    let added: Promise<unknown> | undefined;
    await runImport(db, plan, {
      chunkSize: 2,
      onProgress: ({ done }) => {
        // After the first chunk: the other page's write is queued before the next chunk's transaction.
        if (done === 2 && !added) {
          added = Dexie.ignoreTransaction(() =>
            other.contacts.put(Contact.parse({ id: 'typed', name: 'Typed', emails: ['p5@example.org'], phones: [], tags: [], stage: 'lead', createdAt: NOW, updatedAt: NOW })),
          );
        }
      },
    });
    await added;
    other.close();
    expect(await db.contacts.where('emails').equals('p5@example.org').primaryKeys()).toEqual(['typed']);
    expect(await db.contacts.count()).toBe(6);
  });

  it('finds a person written by an earlier chunk without looking again, as the lookups would', async () => {
    // Line 4 shares x@ with line 2 and y@ with line 3: folded into line 2, which then holds y@ too,
    // so line 3, written in a later chunk, is merged into what line 2 wrote.
    const parsed = () =>
      parsedImport({
        contacts: [
          imported({ line: 2, name: 'X', emails: ['x@example.org'] }),
          imported({ line: 3, name: 'Y', emails: ['y@example.org'] }),
          imported({ line: 4, name: 'XY', emails: ['x@example.org', 'y@example.org'] }),
        ],
      });
    const trusted = await planImport(db, parsed(), { updateExisting: false });
    expect(trusted.contactsMark).toBeNull();
    await runImport(db, trusted, { chunkSize: 1 });
    const other = openCrmDatabase(`${db.name}-looked-up`);
    await other.open();
    // No mark: every chunk looks its keys up in IndexedDB.
    await runImport(other, { ...(await planImport(other, parsed(), { updateExisting: false })), contactsMark: undefined }, { chunkSize: 1 });
    const shape = async (on: CrmDatabase) => (await on.contacts.toArray()).map(({ name, emails }) => ({ name, emails })).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    expect(await shape(db)).toEqual([{ name: 'X', emails: ['x@example.org', 'y@example.org'] }]);
    expect(await shape(other)).toEqual(await shape(db));
    await other.delete();
  });

  it('stops after the current chunk when cancelled; what was written is whole', async () => {
    const parsed = parsedImport({
      contacts: Array.from({ length: 10 }, (_, i) => imported({ line: i + 2, name: `Person ${i}`, emails: [`p${i}@example.org`], note: `note ${i}` })),
    });
    const plan = await planImport(db, parsed, { updateExisting: false });
    const controller = new AbortController();
    const seen: number[] = [];
    const result = await runImport(db, plan, {
      chunkSize: 3,
      signal: controller.signal,
      onProgress: ({ done, total }) => {
        seen.push(done);
        expect(total).toBe(10);
        if (done === 3) controller.abort();
      },
    });
    expect(result).toMatchObject({ cancelled: true, created: 3, notes: 3 });
    expect(seen).toEqual([0, 3]);
    expect(await db.contacts.count()).toBe(3);
    expect(await db.interactions.count()).toBe(3);
  });

  it('does not write a deal for a contact deleted after the preview, and says so', async () => {
    const ada = await storeAda();
    await addDeal(db, { contactId: ada.id, title: 'x', amount: 1, currency: 'EUR', status: 'open', at: NOW });
    const plan = await planImport(
      db,
      parsedImport({ format: 'transactions-csv', transactions: [{ line: 2, contact: { email: 'ada@example.org' }, at: NOW, amount: 5, currency: 'EUR' }] }),
      { updateExisting: false },
    );
    await db.contacts.update(ada.id, { deletedAt: NOW });
    const result = await runImport(db, plan);
    expect(result.deals).toBe(0);
    expect(result.rejected).toEqual([{ line: 2, reason: expect.stringContaining('deleted') }]);
  });
});

describe('column mapping memory', () => {
  it('remembers a mapping per header signature and ignores damaged rows', async () => {
    await rememberMapping(db, 'sig-1', { 'Full name': 'name', 'E-mail': 'email' });
    expect(await recallMapping(db, 'sig-1')).toEqual({ 'Full name': 'name', 'E-mail': 'email' });
    expect(await recallMapping(db, 'sig-2')).toBeUndefined();
    await db.meta.put({ key: 'io:column-mapping:sig-3', value: { a: 'not-a-field' } });
    expect(await recallMapping(db, 'sig-3')).toBeUndefined();
  });
});
