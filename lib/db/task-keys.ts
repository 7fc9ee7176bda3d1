import type { Task } from '../model';

/**
 * The task's derived index key, recomputed on every write: `openDueAt` = `dueAt` while the task
 * is open, and absent once it is done. IndexedDB leaves a row out of an index whose key is
 * missing, so the `openDueAt` index holds exactly the open follow-ups, in due order, and the
 * Tasks view, the badge and the overdue filter read them without walking every done task.
 */
export function withOpenKey(task: Task): Task {
  const { openDueAt: _stale, ...rest } = task;
  return task.doneAt === undefined ? { ...rest, openDueAt: task.dueAt } : rest;
}
