import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDeal, editContactField, openCrmDatabase, saveDetectedContact, type CrmDatabase } from '@/lib/db';
import { markApplyingPulled, ReadOnlyMemberError } from '@/lib/db/outbox';
import { DetectedContact } from '@/lib/model';
import { saveMembership, type Membership } from '@/lib/sync/client/membership';

let db: CrmDatabase;
let dbCount = 0;

beforeEach(async () => {
  db = openCrmDatabase(`read-only-member-${++dbCount}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const ada = DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@example.org'] });
const source = { kind: 'page', url: 'https://example.org/team' };
const member = (role: Membership['role'], removedAt?: number): Membership => ({
  user: 'usr_me',
  workspace: 'ws_1',
  workspaceName: 'Acme sales',
  role,
  members: [],
  ...(removedAt === undefined ? {} : { removedAt }),
});

describe('a viewer’s browser never writes or queues what the server would refuse', () => {
  it('refuses a viewer’s write to a synced table from any code path: nothing is written, nothing queued', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    await db.outbox.clear();
    await saveMembership(member('viewer'), db);

    await expect(editContactField(db, contact.id, 'title', 'Analyst')).rejects.toThrow(ReadOnlyMemberError);
    await expect(db.contacts.put({ ...contact, title: 'Direct put' })).rejects.toThrow(/an owner can make you an editor/);
    await expect(addDeal(db, { contactId: contact.id, title: 'Renewal', amount: 100, currency: 'EUR', status: 'open', at: Date.now() })).rejects.toThrow(ReadOnlyMemberError);
    await expect(db.transaction('rw', db.contacts, async () => {
      await db.contacts.update(contact.id, { company: 'In a transaction' });
    })).rejects.toThrow(ReadOnlyMemberError);

    expect((await db.contacts.get(contact.id))?.title).toBeUndefined();
    expect((await db.contacts.get(contact.id))?.company).toBeUndefined();
    expect(await db.deals.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('still applies what the server sends, and lets an editor (or a book of one) write', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    await saveMembership(member('viewer'), db);
    await db.transaction('rw', db.contacts, async () => {
      markApplyingPulled(Dexie.currentTransaction!.idbtrans);
      await db.contacts.update(contact.id, { title: 'Pulled title' });
    });
    expect((await db.contacts.get(contact.id))?.title).toBe('Pulled title');

    await saveMembership(member('editor'), db);
    await editContactField(db, contact.id, 'title', 'Editor title');
    expect((await db.contacts.get(contact.id))?.title).toBe('Editor title');
  });

  it('refuses a removed member’s writes until they choose to keep a local copy', async () => {
    const { contact } = await saveDetectedContact(db, ada, source);
    await saveMembership(member('editor', Date.now()), db);
    await expect(editContactField(db, contact.id, 'title', 'After removal')).rejects.toThrow(ReadOnlyMemberError);
    await db.meta.delete('sync:membership'); // Keep a local copy: a book of one again
    await editContactField(db, contact.id, 'title', 'Local copy');
    expect((await db.contacts.get(contact.id))?.title).toBe('Local copy');
  });
});
