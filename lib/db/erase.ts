/**
 * Erasing a person (the right to erasure): the contact and everything about them — history,
 * deals, tasks, derived value and activity — deleted for good, in one transaction. Unlike a
 * delete to the trash (`deletedAt`, undoable), these are hard deletes, which the outbox turns
 * into sync tombstones: every synced browser removes the rows, and the server keeps nothing but
 * the tombstones (lib/sync/shared/merge.ts: delete wins and drops the fields).
 */
import type { CrmDatabase } from './types';
import { bumpWonDealsRevision } from './deals';

export interface Erased {
  interactions: number;
  deals: number;
  tasks: number;
}

export async function eraseContact(db: CrmDatabase, contactId: string): Promise<Erased> {
  return db.transaction('rw', [db.contacts, db.interactions, db.deals, db.tasks, db.values, db.activity, db.meta], async () => {
    if (!(await db.contacts.get(contactId))) throw new Error(`No contact with id ${contactId}`);
    const [interactions, deals, tasks] = await Promise.all([
      db.interactions.where('contactId').equals(contactId).primaryKeys(),
      db.deals.where('contactId').equals(contactId).toArray(),
      db.tasks.where('contactId').equals(contactId).primaryKeys(),
    ]);
    await db.interactions.bulkDelete(interactions);
    await db.deals.bulkDelete(deals.map((deal) => deal.id));
    await db.tasks.bulkDelete(tasks);
    await db.values.delete(contactId);
    await db.activity.delete(contactId);
    await db.contacts.delete(contactId);
    if (deals.some((deal) => deal.status === 'won')) {
      await bumpWonDealsRevision(db);
    }
    return { interactions: interactions.length, deals: deals.length, tasks: tasks.length };
  });
}
