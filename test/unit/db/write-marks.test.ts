/**
 * The contacts' write mark (lib/db/write-marks.ts): any committed write to contacts, from any
 * connection, changes it in the same transaction; nothing else does. The import trusts an
 * unchanged mark to skip looking its keys up again, so each way a contact can change is tried.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactsWriteMark, openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { markApplyingPulled } from '@/lib/db/outbox';
import { Contact, Interaction } from '@/lib/model';

let db: CrmDatabase;
let count = 0;

beforeEach(async () => {
  db = openCrmDatabase(`write-marks-${++count}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const person = (id: string, email = `${id}@example.org`) =>
  Contact.parse({ id, name: id, emails: [email], phones: [], tags: [], stage: 'lead', createdAt: 1, updatedAt: 1 });

describe('contactsWriteMark', () => {
  it('is null before any contact is written, and new after every write that changes contacts', async () => {
    expect(await contactsWriteMark(db)).toBeNull();
    const seen = new Set<string | null>([null]);
    const changes: Array<[string, () => Promise<unknown>]> = [
      ['put', () => db.contacts.put(person('a'))],
      ['bulkPut', () => db.contacts.bulkPut([person('b'), person('c')])],
      ['update', () => db.contacts.update('a', { name: 'A' })],
      ['rewrite unchanged', () => db.contacts.put(person('b'))],
      ['delete', () => db.contacts.delete('c')],
      ['modify', () => db.contacts.toCollection().modify({ company: 'Acme' })],
      ['clear', () => db.contacts.clear()],
    ];
    for (const [what, change] of changes) {
      await change();
      const mark = await contactsWriteMark(db);
      expect(seen.has(mark), `${what} left the mark as it was`).toBe(false);
      seen.add(mark);
    }
  });

  it('stays the same through reads and writes to other tables', async () => {
    await db.contacts.put(person('a'));
    const before = await contactsWriteMark(db);
    await db.contacts.toArray();
    await db.transaction('rw', db.contacts, db.interactions, async () => {
      await db.contacts.get('a');
      await db.interactions.add(Interaction.parse({ id: 'i1', contactId: 'a', kind: 'note', at: 1, body: 'hi' }));
    });
    await db.meta.put({ key: 'something-else', value: 1 });
    expect(await contactsWriteMark(db)).toBe(before);
  });

  it('is one new mark per transaction, visible inside it from its first contacts write', async () => {
    const before = await contactsWriteMark(db);
    const inside = await db.transaction('rw', db.contacts, db.meta, async () => {
      const atStart = await contactsWriteMark(db);
      await db.contacts.put(person('a'));
      const afterFirst = await contactsWriteMark(db);
      await db.contacts.put(person('b'));
      return { atStart, afterFirst, afterSecond: await contactsWriteMark(db) };
    });
    expect(inside.atStart).toBe(before);
    expect(inside.afterFirst).not.toBe(before);
    expect(inside.afterSecond).toBe(inside.afterFirst);
    expect(await contactsWriteMark(db)).toBe(inside.afterFirst);
  });

  it('rolls back with an aborted write', async () => {
    await db.contacts.put(person('a'));
    const before = await contactsWriteMark(db);
    await expect(
      db.transaction('rw', db.contacts, async () => {
        await db.contacts.put(person('b'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.contacts.count()).toBe(1);
    expect(await contactsWriteMark(db)).toBe(before);
  });

  it('changes for writes from another connection (another extension page) and for pulled rows', async () => {
    await db.contacts.put(person('a'));
    const before = await contactsWriteMark(db);
    const other = openCrmDatabase(db.name);
    await other.contacts.put(person('b'));
    other.close();
    const afterOther = await contactsWriteMark(db);
    expect(afterOther).not.toBe(before);
    // A pull's writes skip the outbox (markApplyingPulled), not the mark.
    await db.transaction('rw', db.contacts, async () => {
      markApplyingPulled(Dexie.currentTransaction!.idbtrans);
      await db.contacts.put(person('c'));
    });
    expect(await contactsWriteMark(db)).not.toBe(afterOther);
  });
});
