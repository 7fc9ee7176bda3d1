/** Follow-ups across contacts, for the Tasks view. */
import type { Contact, Task } from '../../model';
import type { CrmDatabase } from '../database';
import { listOpenTasks } from '../tasks';

export interface OpenTaskWithContact {
  task: Task;
  contact: Contact;
}

/** Open follow-ups of live contacts, soonest due first, each with its contact (a trashed contact's are left out). */
export async function openTasksOfLiveContacts(db: CrmDatabase): Promise<OpenTaskWithContact[]> {
  const tasks = await listOpenTasks(db);
  const contacts = await db.contacts.bulkGet([...new Set(tasks.map((task) => task.contactId))]);
  const byId = new Map(contacts.flatMap((contact) => (contact && !contact.deletedAt ? [[contact.id, contact] as const] : [])));
  return tasks.flatMap((task) => {
    const contact = byId.get(task.contactId);
    return contact ? [{ task, contact }] : [];
  });
}
