/**
 * Snooze arithmetic in a zone with daylight saving: "tomorrow 9:00" must stay 9:00 on the wall
 * clock across the change, where adding 24 hours would not. Expected instants are written out
 * in UTC by hand (Berlin: UTC+1 in winter, UTC+2 from 29 March 2026, 02:00).
 */
import { describe, expect, it } from 'vitest';
import { inTimeZone } from '../time-zone';
import { endOfLocalDay, localDateTimeString, nextWeekAt9, parseLocalDateTime, snoozeUntil, startOfLocalDay, tomorrowAt9 } from '@/lib/reminders';

inTimeZone('Europe/Berlin');

const utc = (iso: string) => Date.parse(iso);

describe('snooze arithmetic', () => {
  it('moves "1 hour" by exactly an hour, even across the DST change', () => {
    // 01:30 CET on the night of the change: one hour later is 03:30 CEST.
    expect(snoozeUntil('1h', utc('2026-03-29T00:30:00Z'))).toBe(utc('2026-03-29T01:30:00Z'));
  });

  it('puts "tomorrow" at 9:00 local time on the day the clocks go forward (a 23-hour day)', () => {
    const saturdayMorning = utc('2026-03-28T09:00:00Z'); // 10:00 CET
    expect(tomorrowAt9(saturdayMorning)).toBe(utc('2026-03-29T07:00:00Z')); // 09:00 CEST
    // Not midnight + 24 h + 9 h, which would say 10:00.
    expect(tomorrowAt9(saturdayMorning)).not.toBe(startOfLocalDay(saturdayMorning) + 33 * 3_600_000);
  });

  it('puts "tomorrow" at 9:00 local time on the day the clocks go back (a 25-hour day)', () => {
    expect(snoozeUntil('tomorrow', utc('2026-10-24T20:00:00Z'))).toBe(utc('2026-10-25T08:00:00Z')); // 09:00 CET
  });

  it('from late evening, "tomorrow" is the next calendar day, not in an hour', () => {
    expect(tomorrowAt9(utc('2026-06-10T21:59:00Z'))).toBe(utc('2026-06-11T07:00:00Z')); // 23:59 → 09:00 CEST
  });

  it('"next week" is Monday 9:00 of the following week; from a Monday, the Monday after; from Sunday, the next day', () => {
    expect(nextWeekAt9(utc('2026-03-25T12:00:00Z'))).toBe(utc('2026-03-30T07:00:00Z')); // Wed → Mon 30 Mar, CEST
    expect(snoozeUntil('next-week', utc('2026-03-23T12:00:00Z'))).toBe(utc('2026-03-30T07:00:00Z')); // Mon → Mon
    expect(nextWeekAt9(utc('2026-03-22T12:00:00Z'))).toBe(utc('2026-03-23T08:00:00Z')); // Sun → Mon, CET
  });

  it('knows where a local day ends, on a 23-hour day too', () => {
    expect(endOfLocalDay(utc('2026-03-29T10:00:00Z'))).toBe(utc('2026-03-29T22:00:00Z'));
    expect(startOfLocalDay(utc('2026-03-29T10:00:00Z'))).toBe(utc('2026-03-28T23:00:00Z'));
  });
});

describe('typed dates and times', () => {
  it('reads a date and a time as local time', () => {
    expect(parseLocalDateTime('2026-03-29', '09:00')).toBe(utc('2026-03-29T07:00:00Z'));
    expect(parseLocalDateTime('2026-01-05T17:45')).toBe(utc('2026-01-05T16:45:00Z'));
    expect(localDateTimeString(utc('2026-01-05T16:45:00Z'))).toBe('2026-01-05T17:45');
  });

  it('refuses what is not a real moment: impossible dates, hours, and the hour skipped by DST', () => {
    expect(parseLocalDateTime('2026-02-31', '09:00')).toBeNull();
    expect(parseLocalDateTime('2026-03-10', '25:00')).toBeNull();
    expect(parseLocalDateTime('2026-03-29', '02:30')).toBeNull();
    expect(parseLocalDateTime('tomorrow', '09:00')).toBeNull();
    expect(parseLocalDateTime('2026-03-10')).toBeNull();
  });
});
