import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { crmDatabase } from '@/lib/db';
import { openTasksOfLiveContacts } from '@/lib/db/queries/tasks';
import type { Task } from '@/lib/model';
import { displayName } from '@/lib/model/display-name';

export interface TaskRow {
  task: Task;
  contactName: string;
}

/** Open follow-ups of every live contact, soonest due first, with the time they were read (for "overdue"). undefined while loading. */
export function useOpenTasks(): { rows: TaskRow[]; now: number } | undefined {
  return useHeldLiveQuery(async () => {
    const rows = (await openTasksOfLiveContacts(crmDatabase())).map(({ task, contact }) => ({ task, contactName: displayName(contact) }));
    return { rows, now: Date.now() };
  }, []);
}
