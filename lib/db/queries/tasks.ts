/** Follow-ups across contacts, for the Tasks view. */
import { isMine, type Contact, type Task } from '../../model';
import type { CrmDatabase } from '../database';
import { listOpenTasks } from '../tasks';
import { readActionScope } from '../team-stamp';

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

/**
 * The follow-ups reminders announce and the toolbar badge counts: open ones of live contacts and,
 * while syncing, only of contacts the member owns or nobody owns, unless Team preferences show
 * the team's (readActionScope).
 */
export async function tasksToRemind(db: CrmDatabase): Promise<Task[]> {
  const [open, me] = await Promise.all([openTasksOfLiveContacts(db), readActionScope(db)]);
  return open.filter(({ contact }) => isMine(contact.ownerId, me)).map(({ task }) => task);
}
