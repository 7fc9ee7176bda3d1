/**
 * The dates webmail shows beside a message, read as the local wall-clock time the page displays
 * (webmail renders in the viewer's time zone). No date library in a content script, and no
 * `Date.parse` of free text (engines disagree on it): each accepted shape is matched exactly and
 * anything else is undefined, never a guess.
 */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11,
};

export function monthIndex(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  return MONTHS[lower] ?? MONTHS[lower.slice(0, 3)];
}

/** Milliseconds since the epoch for a local wall-clock time, or undefined if it does not exist. */
export function localTime(year: number, month: number, day: number, hour: number, minute: number, second = 0): number | undefined {
  if (year < 1970 || year > 2200 || month < 0 || month > 11 || day < 1 || day > 31) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(year, month, day, hour, minute, second);
  // 31 Feb rolls over into March: refuse it instead.
  if (date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) return undefined;
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** `10:04`, `10:04:59`, `10:04 AM`, `10:04 p.m.` → 24-hour clock, or undefined. */
function clock(time: string, meridiem: string | undefined): [number, number, number] | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] ? Number(match[3]) : 0;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = /^p/i.test(meridiem);
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return [hour, minute, second];
}

/** Spaces of every kind (ICU puts U+202F before AM/PM), "at", weekday names and stray commas out. */
export function tidy(raw: string): string {
  return raw
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\s+at\s+/i, ', ')
    .replace(/^\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const TIME = String.raw`(\d{1,2}:\d{2}(?::\d{2})?)(?:\s*([ap]\.?m\.?))?`;
/** "Nov 23, 2026, 10:04 AM" (en-US). */
const MONTH_FIRST = new RegExp(String.raw`^([A-Za-z]{3,9}\.?) (\d{1,2}),? (\d{4}),? ${TIME}$`, 'i');
/** "23 Nov 2026, 10:04" (en-GB and most of the world). */
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})\.? ([A-Za-z]{3,9}\.?),? (\d{4}),? ${TIME}$`, 'i');
/** "11/23/2026 10:04 AM" or "23/11/2026 10:04", "23.11.2026 10:04": the order needs the locale. */
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.](\d{1,2})[/.](\d{4}),? ${TIME}$`, 'i');

/**
 * A webmail date as shown in a message header, e.g. Gmail's `span.g3[title]`
 * ("Mon, Nov 23, 2026, 10:04 AM", "Mon, 23 Nov 2026, 10:04") or Outlook's header time
 * ("Mon 11/23/2026 10:04 AM"). English month names; numeric dates are read month-first only when
 * `monthFirst` says the page is en-US, or when the numbers leave no doubt.
 */
export function parseWebmailDate(raw: string | null | undefined, options: { monthFirst?: boolean } = {}): number | undefined {
  if (!raw || raw.length > 100) return undefined;
  const text = tidy(raw);

  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) {
    const month = monthIndex(monthFirst[1]!);
    const time = clock(monthFirst[4]!, monthFirst[5]);
    if (month === undefined || !time) return undefined;
    return localTime(Number(monthFirst[3]), month, Number(monthFirst[2]), ...time);
  }

  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const month = monthIndex(dayFirst[2]!);
    const time = clock(dayFirst[4]!, dayFirst[5]);
    if (month === undefined || !time) return undefined;
    return localTime(Number(dayFirst[3]), month, Number(dayFirst[1]), ...time);
  }

  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const first = Number(numeric[1]);
    const second = Number(numeric[2]);
    const time = clock(numeric[4]!, numeric[5]);
    if (!time) return undefined;
    let readMonthFirst: boolean;
    if (first > 12 && second <= 12) readMonthFirst = false;
    else if (second > 12 && first <= 12) readMonthFirst = true;
    else if (options.monthFirst !== undefined) readMonthFirst = options.monthFirst;
    else return undefined;
    const [month, day] = readMonthFirst ? [first, second] : [second, first];
    return localTime(Number(numeric[3]), month - 1, day, ...time);
  }
  return undefined;
}
