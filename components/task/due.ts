import { localDateTimeString, startOfLocalDay } from '@/lib/reminders';

/** A due moment in words: the day, and the time unless it is midnight (tasks made before times existed). */
export function formatDue(ms: number): string {
  const day = new Date(ms).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
  if (startOfLocalDay(ms) === ms) return day;
  return `${day}, ${new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
}

/** The `dateTime` attribute of a due `<time>`. */
export function dueDateTimeAttribute(ms: number): string {
  return localDateTimeString(ms);
}

/** "Overdue since …" or "Due …". */
export function dueWords(dueAt: number, now: number): string {
  return isOverdue(dueAt, now) ? `Overdue since ${formatDue(dueAt)}` : `Due ${formatDue(dueAt)}`;
}

/**
 * Overdue once its time has passed; a follow-up saved with a date only (midnight, from before
 * follow-ups had times) is overdue from the next day, as it always was.
 */
export function isOverdue(dueAt: number, now: number): boolean {
  return startOfLocalDay(dueAt) === dueAt ? dueAt < startOfLocalDay(now) : dueAt < now;
}
