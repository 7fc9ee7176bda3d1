import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDeal, editContactField, openCrmDatabase, saveDetectedContact, type CrmDatabase } from '@/lib/db';
import { CLOCK_KEY, markApplyingPulled } from '@/lib/db/outbox';
import { DetectedContact } from '@/lib/model';
import { isHlc } from '@/lib/sync/shared/hlc';

let db: CrmDatabase;
let dbCount = 0;

beforeEach(async () => {
  db = openCrmDatabase(`outbox-${++dbCount}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const ada = DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@example.org'] });
const source = { kind: 'page', url: 'https://example.org/team' };

describe('the outbox', () => {
  it('records a new contact with every synced field, and none of the derived index keys', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ table: 'contacts', id: contact.id });
    expect(entry!.fields.name!.value).toBe('Ada Lovelace');
    expect(entry!.fields.emails!.value).toEqual(['ada@example.org']);
    expect(entry!.fields).not.toHaveProperty('searchTokens');
    expect(entry!.fields).not.toHaveProperty('profileUrls');
    expect(entry!.fields).not.toHaveProperty('id');
    for (const write of Object.values(entry!.fields)) expect(isHlc(write.hlc)).toBe(true);
  });

  it('coalesces later edits into the same entry with newer stamps on the changed fields only', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    const [first] = await db.outbox.toArray();
    await editContactField(db, contact.id, 'title', 'Analyst');
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    const [second] = entries;
    expect(second!.fields.title!.value).toBe('Analyst');
    expect(second!.fields.title!.hlc > first!.fields.name!.hlc).toBe(true);
    expect(second!.fields.name).toEqual(first!.fields.name); // untouched field keeps its stamp
  });

  it('records a cleared field as null', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    await editContactField(db, contact.id, 'title', 'Analyst');
    await db.outbox.clear();
    await editContactField(db, contact.id, 'title', '');
    const [entry] = await db.outbox.toArray();
    expect(entry!.fields.title!.value).toBeNull();
  });

  it('records a hard delete as a tombstone that drops the pending fields', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    const deal = await addDeal(db, { contactId: contact.id, title: 'Order', amount: 500, currency: 'USD', status: 'won', at: 1 });
    await db.deals.delete(deal.id);
    const entry = await db.outbox.get(['deals', deal.id]);
    expect(entry?.fields).toEqual({});
    expect(entry?.deleted && isHlc(entry.deleted)).toBe(true);
  });

  it('records deletes by query and by clearing a table as tombstones of each row', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    const deals = await Promise.all(
      [1, 2, 3].map((at) => addDeal(db, { contactId: contact.id, title: `Order ${at}`, amount: 100 * at, currency: 'USD', status: 'won', at })),
    );
    await db.outbox.clear();
    await db.deals.filter((deal) => deal.amount > 150).delete();
    expect((await db.outbox.toArray()).map((entry) => [entry.id, !!entry.deleted]).sort()).toEqual(
      [deals[1]!.id, deals[2]!.id].map((id) => [id, true]).sort(),
    );
    await db.deals.clear();
    expect(await db.outbox.get(['deals', deals[0]!.id])).toMatchObject({ fields: {} });
    expect(await db.outbox.count()).toBe(3);
  });

  it('writes nothing when a failed write rolls its transaction back', async () => {
    await expect(
      db.transaction('rw', db.contacts, async () => {
        await db.contacts.put({ ...(await saveDetectedContact(db, ada, source)).contact });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.contacts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('records the rows an add wrote and none it refused (their key existed)', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    await editContactField(db, contact.id, 'title', 'Analyst');
    const before = await db.outbox.get(['contacts', contact.id]);
    const grace = { ...contact, id: 'c-grace', name: 'Grace Hopper', emails: ['grace@example.org'] };
    const error = await db.contacts.bulkAdd([{ ...contact, title: 'Not written' }, grace]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Dexie.BulkError);
    expect((await db.contacts.get(contact.id))?.title).toBe('Analyst');
    expect(await db.outbox.get(['contacts', contact.id])).toEqual(before);
    expect((await db.outbox.get(['contacts', 'c-grace']))?.fields.name?.value).toBe('Grace Hopper');
    // A single add of an existing key, its error caught inside the transaction: nothing recorded.
    await db.transaction('rw', db.contacts, async () => {
      await db.contacts.add({ ...grace, name: 'Not Grace' }).catch(() => undefined);
    });
    expect((await db.outbox.get(['contacts', 'c-grace']))?.fields.name?.value).toBe('Grace Hopper');
  });

  it('keeps a pending delete when a row of the same id is added again', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    await db.contacts.delete(contact.id);
    const tombstone = await db.outbox.get(['contacts', contact.id]);
    expect(tombstone?.deleted).toBeTruthy();
    await db.contacts.add(contact);
    expect(await db.outbox.get(['contacts', contact.id])).toEqual(tombstone);
  });

  it('does not record rows written while applying pulled changes', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    await db.outbox.clear();
    await db.transaction('rw', db.contacts, async () => {
      markApplyingPulled(Dexie.currentTransaction.idbtrans);
      await db.contacts.put({ ...contact, title: 'From the server' });
    });
    expect((await db.contacts.get(contact.id))?.title).toBe('From the server');
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps the clock in meta, so stamps keep rising across database reopenings', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    const clock = (await db.meta.get(CLOCK_KEY))?.value as { node: string };
    expect(clock.node).toMatch(/^[0-9a-f]{16}$/);
    const before = (await db.outbox.get(['contacts', contact.id]))!.fields.name!.hlc;
    db.close();
    const reopened = openCrmDatabase(db.name);
    await editContactField(reopened, contact.id, 'name', 'Ada King');
    const after = (await reopened.outbox.get(['contacts', contact.id]))!.fields.name!.hlc;
    expect(after > before).toBe(true);
    expect(after.endsWith(clock.node)).toBe(true);
    reopened.close();
    await db.open();
  });
});
