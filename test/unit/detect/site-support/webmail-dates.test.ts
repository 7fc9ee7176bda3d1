import { describe, expect, it } from 'vitest';
import { parseWebmailDate } from '@/lib/detect/site-support/webmail-dates';
import { pinTimeZone } from '../time-zone';

// Webmail dates are local wall-clock times; pin the zone so the expected values are fixed.
pinTimeZone('UTC');

const NOV_23_1004 = Date.UTC(2026, 10, 23, 10, 4);
const NOV_23_1430 = Date.UTC(2026, 10, 23, 14, 30);

describe('parseWebmailDate', () => {
  it.each([
    ['Mon, Nov 23, 2026, 10:04 AM', NOV_23_1004],
    ['Mon, Nov 23, 2026, 2:30 PM', NOV_23_1430],
    ['Mon, Nov 23, 2026, 2:30\u202fPM', NOV_23_1430],
    ['Mon, Nov 23, 2026 at 2:30 PM', NOV_23_1430],
    ['Monday, November 23, 2026 at 10:04 AM', NOV_23_1004],
    ['Nov 23, 2026, 10:04 AM', NOV_23_1004],
    ['Mon, 23 Nov 2026, 10:04', NOV_23_1004],
    ['Mon, 23 Nov 2026, 14:30', NOV_23_1430],
    ['23 Nov 2026, 14:30', NOV_23_1430],
    ['Mon, 23 Nov 2026 at 14:30', NOV_23_1430],
    ['Mon, 23 Sept 2026, 14:30', Date.UTC(2026, 8, 23, 14, 30)],
    ['Mon, Nov 23, 2026, 12:15 AM', Date.UTC(2026, 10, 23, 0, 15)],
    ['Mon, Nov 23, 2026, 12:15 PM', Date.UTC(2026, 10, 23, 12, 15)],
    ['Mon, Nov 23, 2026, 10:04:59 AM', Date.UTC(2026, 10, 23, 10, 4, 59)],
  ])('reads Gmail\'s "%s"', (text, expected) => {
    expect(parseWebmailDate(text)).toBe(expected);
  });

  it('reads Outlook header times, month first only for en-US or when the numbers say so', () => {
    expect(parseWebmailDate('Mon 11/23/2026 10:04 AM', { monthFirst: true })).toBe(NOV_23_1004);
    expect(parseWebmailDate('Mon 23/11/2026 10:04', { monthFirst: false })).toBe(NOV_23_1004);
    expect(parseWebmailDate('Mon 23.11.2026 10:04')).toBe(NOV_23_1004);
    expect(parseWebmailDate('Mon 11/23/2026 10:04 AM')).toBe(NOV_23_1004);
    expect(parseWebmailDate('Thu 05/11/2026 10:04', { monthFirst: true })).toBe(Date.UTC(2026, 4, 11, 10, 4));
    expect(parseWebmailDate('Thu 05/11/2026 10:04', { monthFirst: false })).toBe(Date.UTC(2026, 10, 5, 10, 4));
    // 05/11 could be either; without the page's locale it is not guessed.
    expect(parseWebmailDate('Thu 05/11/2026 10:04')).toBeUndefined();
  });

  it.each([
    '',
    '10:04 AM (2 hours ago)',
    'yesterday',
    'Mon, Feb 30, 2026, 10:04 AM',
    'Mon, Nov 23, 2026, 13:04 PM',
    'Mon, Nov 23, 2026, 24:00',
    'Mon, Nov 23, 2026, 10:60',
    'Mon, Foo 23, 2026, 10:04 AM',
    'Mo., 23. Okt. 2026, 10:04',
    '13/13/2026 10:04',
    'Mon, Nov 23, 1969, 10:04 AM',
    'x'.repeat(500),
  ])('gives undefined for "%s"', (text) => {
    expect(parseWebmailDate(text)).toBeUndefined();
  });

  it('gives undefined for a missing attribute', () => {
    expect(parseWebmailDate(null)).toBeUndefined();
    expect(parseWebmailDate(undefined)).toBeUndefined();
  });
});
