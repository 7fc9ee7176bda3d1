/**
 * Calendar days as integers. All value-model time arithmetic is done on UTC day numbers so a
 * purchase's week offset never depends on the machine's time zone or on daylight-saving jumps.
 */

const MS_PER_DAY = 86_400_000;
export const DAYS_PER_WEEK = 7;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01 UTC) of a strict `YYYY-MM-DD`, or null if it is not a real date. */
export function parseIsoDay(text: string): number | null {
  const match = ISO_DAY.exec(text);
  if (!match) return null;
  return dayFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Day number of a compact `YYYYMMDD` (the CDNOW format), or null if it is not a real date. */
export function parseCompactDay(text: string): number | null {
  if (!/^\d{8}$/.test(text)) return null;
  return dayFromParts(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
}

function dayFromParts(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC silently rolls 1997-02-30 over to March; a round trip catches it.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** Day number of a Date (its UTC calendar day) or of a `YYYY-MM-DD` string; throws on anything else. */
export function toDayNumber(value: Date | string): number {
  if (typeof value === 'string') {
    const day = parseIsoDay(value);
    if (day === null) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(value)}`);
    return day;
  }
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return Math.floor(ms / MS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number, for messages. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
