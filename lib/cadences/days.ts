/**
 * Calendar-day arithmetic for cadences, in the process's (the browser's) time zone, as follow-ups
 * do it (lib/reminders/time.ts): days are counted on the calendar, never as multiples of 24 hours,
 * since a day across a daylight-saving change is 23 or 25 hours long. "Every 30 days" from a call
 * on 10 March falls due on 9 April whatever the clocks did in between.
 */

const DAY_MS = 86_400_000;

/** The local calendar day of a moment, as a whole number (days since 1970-01-01 on that calendar). */
export function localDayNumber(ms: number): number {
  const d = new Date(ms);
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
}

/** Whole calendar days from the day of `from` to the day of `to` (0 on the same day). */
export function calendarDaysBetween(from: number, to: number): number {
  return localDayNumber(to) - localDayNumber(from);
}

/** Local midnight `days` calendar days after the day of `ms`. */
export function startOfDayAfter(ms: number, days: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
}
