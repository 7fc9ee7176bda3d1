/**
 * Local wall-clock arithmetic for follow-ups. "Tomorrow 9:00" is built from the calendar fields
 * (year, month, day + 1, 9:00) and never as "midnight + 24 h + 9 h": on a daylight-saving change a
 * day is 23 or 25 hours long, and the sum lands at 8:00 or 10:00. Pure; the time zone is the
 * process's (the browser's) own.
 */

export const HOUR_MS = 3_600_000;

/** The hour new follow-ups and "tomorrow"/"next week" snoozes default to. */
export const DEFAULT_DUE_HOUR = 9;

export const SNOOZE_CHOICES = ['1h', 'tomorrow', 'next-week'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

function at(ms: number, dayOffset: number, hour: number, minute = 0): number {
  const day = new Date(ms);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + dayOffset, hour, minute).getTime();
}

/** The next local midnight after `now`: when "due today" becomes "overdue". */
export function endOfLocalDay(now: number): number {
  return at(now, 1, 0);
}

/** Local midnight of the day `now` falls in. */
export function startOfLocalDay(now: number): number {
  return at(now, 0, 0);
}

/** Tomorrow at 9:00 local time. */
export function tomorrowAt9(now: number): number {
  return at(now, 1, DEFAULT_DUE_HOUR);
}

/** Monday of next week at 9:00 local time (from a Monday: the Monday after). */
export function nextWeekAt9(now: number): number {
  const weekday = new Date(now).getDay(); // 0 = Sunday
  const daysToMonday = ((8 - weekday) % 7) || 7;
  return at(now, daysToMonday, DEFAULT_DUE_HOUR);
}

/** When a snooze choice moves a follow-up to. */
export function snoozeUntil(choice: SnoozeChoice, now: number): number {
  switch (choice) {
    case '1h':
      return now + HOUR_MS;
    case 'tomorrow':
      return tomorrowAt9(now);
    case 'next-week':
      return nextWeekAt9(now);
  }
}

/** The words for a snooze choice, as its button says them. */
export const SNOOZE_LABELS: Record<SnoozeChoice, string> = {
  '1h': '1 hour',
  tomorrow: 'Tomorrow 9:00',
  'next-week': 'Next week',
};

/**
 * A local date and time as typed (`YYYY-MM-DD` and `HH:MM`, the values of date and time inputs,
 * or one `YYYY-MM-DDTHH:MM` from a datetime-local input) → epoch ms; null when it is not a real
 * moment (31 February, 25:00, or a time skipped by a daylight-saving change).
 */
export function parseLocalDateTime(day: string, time?: string): number | null {
  const joined = time === undefined ? day : `${day}T${time}`;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(joined);
  if (!match) return null;
  const [year, month, date, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const value = new Date(year, month - 1, date, hour, minute);
  const same =
    value.getFullYear() === year && value.getMonth() === month - 1 && value.getDate() === date && value.getHours() === hour && value.getMinutes() === minute;
  return same ? value.getTime() : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a moment, local time. */
export function localDayString(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `HH:MM` of a moment, local time. */
export function localTimeString(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `YYYY-MM-DDTHH:MM` of a moment, local time: a datetime-local input's value. */
export function localDateTimeString(ms: number): string {
  return `${localDayString(ms)}T${localTimeString(ms)}`;
}
