/**
 * The words and targets of reminder notifications. Pure. A handful of follow-ups due at once get
 * one notification each; more (a restored backup, a week away) get one summary, so the user is
 * told once instead of buried.
 */
import type { ReminderTask } from './schedule';

export const MAX_SEPARATE_NOTIFICATIONS = 3;
const TASK_PREFIX = 'reminder:';
export const SUMMARY_NOTIFICATION_ID = 'reminders:summary';

export interface ReminderNotification {
  id: string;
  title: string;
  message: string;
  /** What a click opens: one contact's profile, or the Tasks list. */
  opens: { view: 'contact'; contactId: string } | { view: 'tasks' };
}

export function notificationIdOf(taskId: string): string {
  return `${TASK_PREFIX}${taskId}`;
}

/** The task a notification is about, if it is about one. */
export function taskIdOfNotification(notificationId: string): string | null {
  return notificationId.startsWith(TASK_PREFIX) ? notificationId.slice(TASK_PREFIX.length) : null;
}

function dueWords(dueAt: number, now: number): string {
  const time = new Date(dueAt).toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return dueAt < now ? `was due ${time}` : `due ${time}`;
}

export function reminderNotifications(
  announce: readonly ReminderTask[],
  contactNames: ReadonlyMap<string, string>,
  now: number,
): ReminderNotification[] {
  if (announce.length === 0) return [];
  if (announce.length > MAX_SEPARATE_NOTIFICATIONS) {
    return [
      {
        id: SUMMARY_NOTIFICATION_ID,
        title: `${announce.length} follow-ups are due`,
        message: announce
          .slice(0, MAX_SEPARATE_NOTIFICATIONS)
          .map((task) => `${task.title} (${contactNames.get(task.contactId) ?? 'a contact'})`)
          .join(' · ')
          .concat(' …'),
        opens: { view: 'tasks' },
      },
    ];
  }
  return announce.map((task) => ({
    id: notificationIdOf(task.id),
    title: `Follow up: ${contactNames.get(task.contactId) ?? 'a contact'}`,
    message: `${task.title} — ${dueWords(task.dueAt, now)}`,
    opens: { view: 'contact', contactId: task.contactId },
  }));
}
