/**
 * Which follow-ups to announce now, what the toolbar badge says, and when to wake next. Pure: the
 * background feeds it the open tasks, the log of what it already announced and the clock, and
 * does what the plan says (lib/reminders/runner.ts).
 *
 * One alarm, not one per task: the plan's `wakeAt` is the soonest of the next reminder and the
 * next local midnight (when "due today" counts change). A single alarm scales to any number of
 * tasks, and because the announced log is stored, a worker stopped or a browser restarted at any
 * moment re-plans from stored data and announces exactly what is still unannounced.
 */
import { endOfLocalDay } from './time';

export interface ReminderTask {
  id: string;
  contactId: string;
  title: string;
  dueAt: number;
  remindAt?: number;
  doneAt?: number;
}

/** Task id → the reminder time already announced for it. */
export type AnnouncedLog = Record<string, number>;

export interface ReminderPlan {
  /** Open tasks whose reminder time has come and which were not announced for that time; soonest first. */
  announce: ReminderTask[];
  /** Tasks announced before that are done, gone or moved: their notifications are out of date. */
  withdraw: string[];
  /** The log to store: exactly the announced, still-open tasks at their announced times. */
  announced: AnnouncedLog;
  /** Open tasks due before the end of today, overdue ones included: the badge's count. */
  dueToday: number;
  /** When to run again. */
  wakeAt: number;
}

/** When a task reminds: its own reminder time, else when it is due. */
export function reminderTime(task: Pick<ReminderTask, 'dueAt' | 'remindAt'>): number {
  return task.remindAt ?? task.dueAt;
}

export function planReminders(tasks: readonly ReminderTask[], log: AnnouncedLog, now: number): ReminderPlan {
  const open = tasks.filter((task) => task.doneAt === undefined);
  const endOfToday = endOfLocalDay(now);
  const announced: AnnouncedLog = {};
  const announce: ReminderTask[] = [];
  let wakeAt = endOfToday;
  let dueToday = 0;
  for (const task of open) {
    const at = reminderTime(task);
    if (task.dueAt < endOfToday) dueToday += 1;
    if (at > now) {
      wakeAt = Math.min(wakeAt, at);
    } else {
      announced[task.id] = at;
      if (log[task.id] !== at) announce.push(task);
    }
  }
  const withdraw = Object.keys(log).filter((id) => announced[id] !== log[id]);
  announce.sort((a, b) => reminderTime(a) - reminderTime(b) || (a.id < b.id ? -1 : 1));
  return { announce, withdraw, announced, dueToday, wakeAt };
}

/** What the badge says for a count: nothing at zero, "99+" beyond two digits' room. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}
