/**
 * Follow-up tasks. Completing one also writes a `task-done` interaction, so the contact's history
 * shows what was done and when, in the same transaction.
 */
import { Interaction, Task } from '../model';
import { recordInteractions } from './activity';
import type { CrmDatabase } from './types';
import { newId } from './ids';
import { withOpenKey } from './task-keys';
import { readTeamStamp } from './team-stamp';

export type TaskInput = Omit<Task, 'id' | 'doneAt'>;

/** Adds a task for a live contact. Throws (nothing written) if it is invalid or the contact is gone. */
export async function addTask(db: CrmDatabase, input: TaskInput, now: number = Date.now()): Promise<Task> {
  const team = await readTeamStamp(db);
  const task = withOpenKey(Task.parse({ ...(team ? { authorId: team.user } : {}), ...input, title: input.title.trim(), id: newId(now) }));
  return db.transaction('rw', db.contacts, db.tasks, async () => {
    const contact = await db.contacts.get(task.contactId);
    if (!contact || contact.deletedAt) throw new Error(`No contact with id ${task.contactId}`);
    await db.tasks.add(task);
    return task;
  });
}

/**
 * Marks a task done and logs a `task-done` interaction with its title. Completing a task that is
 * already done changes nothing and logs nothing. Throws if there is no such task.
 */
export async function completeTask(db: CrmDatabase, id: string, now: number = Date.now()): Promise<Task> {
  return db.transaction('rw', db.tasks, db.interactions, db.activity, async () => {
    const task = await db.tasks.get(id);
    if (!task) throw new Error(`No task with id ${id}`);
    if (task.doneAt !== undefined) return task;
    const done = withOpenKey(Task.parse({ ...task, doneAt: now }));
    await db.tasks.put(done);
    const interaction = Interaction.parse({
      id: newId(now),
      contactId: task.contactId,
      kind: 'task-done',
      at: now,
      subject: task.title,
    });
    await db.interactions.add(interaction);
    await recordInteractions(db, [interaction], now);
    return done;
  });
}

/**
 * Moves an open follow-up to `until`: it is due then and reminds then (both fields are written
 * through Dexie, so the sync outbox records them). A done task is left as it is. Throws if there
 * is no such task or `until` is not a time.
 */
export async function snoozeTask(db: CrmDatabase, id: string, until: number): Promise<Task> {
  return db.transaction('rw', db.tasks, async () => {
    const task = await db.tasks.get(id);
    if (!task) throw new Error(`No task with id ${id}`);
    if (task.doneAt !== undefined) return task;
    const moved = Task.parse({ ...task, dueAt: until, remindAt: until });
    await db.tasks.update(id, { dueAt: moved.dueAt, remindAt: moved.remindAt, openDueAt: moved.dueAt });
    return withOpenKey(moved);
  });
}

/**
 * Open tasks, soonest due first: of one contact (its few tasks, through `contactId`), or of
 * everyone through the `openDueAt` index, which holds open tasks only, so done ones are never read.
 */
export async function listOpenTasks(db: CrmDatabase, contactId?: string): Promise<Task[]> {
  const rows = contactId
    ? (await db.tasks.where('contactId').equals(contactId).toArray()).filter((task) => task.doneAt === undefined)
    : await db.tasks.orderBy('openDueAt').toArray();
  return rows.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}
