/**
 * Purchases before people (issue 23, item 1): a transactions file whose emails are nobody's yet
 * can create those contacts from its rows, counted apart from the file's people, instead of
 * rejecting every row. Real (fake-)IndexedDB through lib/db.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addContactEmail, openCrmDatabase, saveDetectedContact, wonDealsRevision, type CrmDatabase } from '@/lib/db';
import { planImport } from '@/lib/io/import-plan';
import { runImport } from '@/lib/io/import-run';
import { DetectedContact } from '@/lib/model';
import type { ImportedTransaction } from '@/lib/io/types';
import { parsedImport } from './fixtures';

const NOW = Date.UTC(2024, 4, 1);
let db: CrmDatabase;
let count = 0;

beforeEach(async () => {
  db = openCrmDatabase(`purchase-contacts-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const purchase = (line: number, email: string, amount: number, name?: string): ImportedTransaction => ({
  line,
  contact: { email },
  at: NOW - line * 86_400_000,
  amount,
  currency: 'USD',
  ...(name ? { name } : {}),
});

/** Ada is stored; Whale (two rows, named on the second) and Newbie are nobody's yet. */
async function seller() {
  const { contact: ada } = await saveDetectedContact(db, DetectedContact.parse({ name: 'Ada', emails: ['ada@example.org'] }), { kind: 'page' }, NOW - 1000);
  const parsed = parsedImport({
    format: 'transactions-csv',
    transactions: [
      purchase(2, 'ada@example.org', 100),
      purchase(3, 'whale@bigbuyer-corp.net', 5000),
      purchase(4, 'Whale@BigBuyer-Corp.net', 7000, 'Wanda Hale'),
      purchase(5, 'newbie@example.org', 250),
    ],
  });
  return { ada, parsed };
}

describe('contacts from purchases', () => {
  it('without the option, rejects the rows of unknown emails but counts those emails for the offer', async () => {
    const { parsed } = await seller();
    const plan = await planImport(db, parsed, { updateExisting: false, now: NOW });
    expect(plan.missingEmails).toBe(2);
    expect(plan.fromPurchases).toEqual([]);
    expect(plan.counts).toMatchObject({ create: 0, fromPurchases: 0, deals: 1, rejected: 3 });
    expect(plan.rejected.map((row) => row.line)).toEqual([3, 4, 5]);
    expect(plan.rejected[0]!.reason).toContain('create contacts from purchases');
  });

  it('with the option, plans one new contact per email, named from the rows, counted apart from the file’s people', async () => {
    const { ada, parsed } = await seller();
    const plan = await planImport(db, parsed, { updateExisting: false, createFromPurchases: true, now: NOW });
    expect(plan.counts).toMatchObject({ create: 0, customers: 0, fromPurchases: 2, deals: 4, rejected: 0 });
    expect(plan.fromPurchases.map(({ email, name, line }) => ({ email, name, line }))).toEqual([
      { email: 'whale@bigbuyer-corp.net', name: 'Wanda Hale', line: 3 },
      { email: 'newbie@example.org', name: undefined, line: 5 },
    ]);
    const whale = plan.fromPurchases[0]!.contactId;
    expect(plan.transactions.map(({ transaction, target }) => [transaction.line, target.kind, target.contactId])).toEqual([
      [2, 'stored', ada.id],
      [3, 'from-purchase', whale],
      [4, 'from-purchase', whale],
      [5, 'from-purchase', plan.fromPurchases[1]!.contactId],
    ]);
    expect(await db.contacts.count()).toBe(1); // planning writes nothing
  });

  it('writes the contacts and their purchases; a second import of the file adds nothing', async () => {
    const { parsed } = await seller();
    const revision = await wonDealsRevision(db);
    const plan = await planImport(db, parsed, { updateExisting: false, createFromPurchases: true, now: NOW });
    const result = await runImport(db, plan, { now: NOW });
    expect(result).toMatchObject({ created: 0, fromPurchases: 2, deals: 4, rejected: [], cancelled: false });

    const whale = (await db.contacts.where('emails').equals('whale@bigbuyer-corp.net').toArray())[0]!;
    expect(whale).toMatchObject({ name: 'Wanda Hale', stage: 'customer', source: { kind: 'import:transactions-csv' } });
    expect((await db.deals.where('contactId').equals(whale.id).toArray()).map((deal) => deal.amount).sort()).toEqual([5000, 7000]);
    const newbie = (await db.contacts.where('emails').equals('newbie@example.org').toArray())[0]!;
    expect(newbie.name).toBeUndefined();
    expect(await wonDealsRevision(db)).toBeGreaterThan(revision);

    const again = await planImport(db, parsed, { updateExisting: false, createFromPurchases: true, now: NOW });
    expect(again.missingEmails).toBe(0);
    expect(again.counts).toMatchObject({ fromPurchases: 0, deals: 0, dealsSkipped: 4 });
  });

  it('gives the purchases to a contact with the email added after the preview, not a second one', async () => {
    const { ada, parsed } = await seller();
    const plan = await planImport(db, parsed, { updateExisting: false, createFromPurchases: true, now: NOW });
    await addContactEmail(db, ada.id, 'newbie@example.org', NOW);
    const result = await runImport(db, plan, { now: NOW });
    expect(result.fromPurchases).toBe(1);
    expect(await db.contacts.where('emails').equals('newbie@example.org').count()).toBe(1);
    expect((await db.deals.where('contactId').equals(ada.id).toArray()).map((deal) => deal.amount).sort()).toEqual([100, 250]);
  });
});
