/**
 * What the follow-ups benchmark loads into a page: seeding of contacts and tasks as lib/db stores
 * them (derived `openDueAt` key included), the product's open-task reads, and the whole-table
 * scan they replaced (issue 23, item 8), as the baseline.
 */
import Dexie from 'dexie';
import { withIndexKeys } from '../../lib/db/contact-keys';
import { openCrmDatabase } from '../../lib/db/database';
import { markApplyingPulled } from '../../lib/db/outbox';
import { tasksToRemind } from '../../lib/db/queries/tasks';
import { contactsWithOverdueFollowUps } from '../../lib/db/search';
import { withOpenKey } from '../../lib/db/task-keys';
import { listOpenTasks } from '../../lib/db/tasks';
import type { CrmDatabase } from '../../lib/db/types';
import { Contact, Task } from '../../lib/model';

export { contactsWithOverdueFollowUps, listOpenTasks, openCrmDatabase, tasksToRemind };

const DAY_MS = 86_400_000;

/** `contacts` contacts and `tasks` tasks over them, one in `openEvery` open, the rest done; written as if pulled (no outbox). */
export async function seedTasks(db: CrmDatabase, contacts: number, tasks: number, openEvery: number, now: number): Promise<{ open: number }> {
  const people = Array.from({ length: contacts }, (_, i) =>
    withIndexKeys(Contact.parse({ id: `c${String(i).padStart(6, '0')}`, name: `Person ${i}`, createdAt: now, updatedAt: now })),
  );
  await db.transaction('rw', db.contacts, async () => {
    markApplyingPulled(Dexie.currentTransaction!.idbtrans);
    await db.contacts.bulkPut(people);
  });
  let open = 0;
  const chunk = 10_000;
  for (let start = 0; start < tasks; start += chunk) {
    const rows: Task[] = [];
    for (let i = start; i < Math.min(start + chunk, tasks); i += 1) {
      const isOpen = i % openEvery === 0;
      if (isOpen) open += 1;
      const dueAt = now + ((i % 120) - 60) * DAY_MS;
      rows.push(
        withOpenKey(
          Task.parse({
            id: `t${String(i).padStart(7, '0')}`,
            contactId: people[i % contacts]!.id,
            title: `Follow up ${i}`,
            dueAt,
            ...(isOpen ? {} : { doneAt: Math.min(dueAt, now) }),
          }),
        ),
      );
    }
    await db.transaction('rw', db.tasks, async () => {
      markApplyingPulled(Dexie.currentTransaction!.idbtrans);
      await db.tasks.bulkPut(rows);
    });
  }
  return { open };
}

/** The read the index replaced: every task in due order, done ones dropped. */
export async function scanOpenTasks(db: CrmDatabase): Promise<Task[]> {
  const rows = await db.tasks.orderBy('dueAt').toArray();
  return rows.filter((task) => task.doneAt === undefined);
}
