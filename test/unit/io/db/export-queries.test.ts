import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSegment, openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { contactsForExport, selectedContactsForExport, tagsByUse } from '@/lib/db/queries/export';
import { Contact } from '@/lib/model';
import { valueRow } from '../../value-runtime/fixtures';

let db: CrmDatabase;
let count = 0;

const contact = (id: string, overrides: Partial<Contact> = {}) => Contact.parse({ id, name: id, createdAt: 1, updatedAt: 1, ...overrides });

beforeEach(async () => {
  db = openCrmDatabase(`export-queries-${++count}`);
  await db.open();
  await db.contacts.bulkPut([
    contact('ada', { stage: 'customer', tags: ['VIP', 'maths'] }),
    contact('bob', { stage: 'lead', tags: ['maths'] }),
    contact('cy', { stage: 'customer', tags: ['maths'], deletedAt: 5 }),
    contact('dee', { stage: 'customer' }),
  ]);
  await db.values.bulkPut([valueRow('ada', 1, 'strategic'), valueRow('bob', 0, 'prospect'), valueRow('dee', 1, 'core')]);
});
afterEach(async () => {
  await db.delete();
});

describe('export queries', () => {
  it('takes every live contact, or those of one stage, tier and tag (tags without regard to case)', async () => {
    const ids = async (filter: Parameters<typeof contactsForExport>[1]) => (await contactsForExport(db, filter)).map((row) => row.id).sort();
    expect(await ids({})).toEqual(['ada', 'bob', 'dee']);
    expect(await ids({ stage: 'customer' })).toEqual(['ada', 'dee']);
    expect(await ids({ tier: 'core' })).toEqual(['dee']);
    expect(await ids({ tag: 'vip' })).toEqual(['ada']);
    expect(await ids({ stage: 'customer', tag: 'maths' })).toEqual(['ada']);
  });

  it('takes a saved segment’s live members, narrowed by the other filters; a deleted segment is explained', async () => {
    const customers = await createSegment(db, 'Customers', [{ field: 'stage', op: 'is', value: 'customer' }]);
    const ids = async (filter: Parameters<typeof contactsForExport>[1]) => (await contactsForExport(db, filter)).map((row) => row.id).sort();
    expect(await ids({ segmentId: customers.id })).toEqual(['ada', 'dee']);
    expect(await ids({ segmentId: customers.id, tier: 'core' })).toEqual(['dee']);
    await expect(contactsForExport(db, { segmentId: 'gone' })).rejects.toThrow('This segment was deleted meanwhile. Choose another.');
  });

  it('takes the selected contacts still live, in the selection’s order', async () => {
    expect((await selectedContactsForExport(db, ['dee', 'cy', 'gone', 'ada'])).map((row) => row.id)).toEqual(['dee', 'ada']);
  });

  it('lists tags most used first, then by name', async () => {
    expect(await tagsByUse(db)).toEqual(['maths', 'VIP']);
  });
});
