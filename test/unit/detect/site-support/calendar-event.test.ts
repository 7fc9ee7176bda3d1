import { describe, expect, it } from 'vitest';
import { parseEventTime, responseIn } from '@/lib/detect/site-support/calendar-event';
import { pinTimeZone } from '../time-zone';

/* What both calendar readers share: the "when" line and the response wording. */

pinTimeZone('UTC');

const at = (month: number, day: number, hour: number, minute = 0, year = 2026) => Date.UTC(year, month - 1, day, hour, minute);

describe('an event’s "when" line', () => {
  it.each([
    ['Monday, December 7⋅10:00 – 11:00am', { year: 2026 }, { start: at(12, 7, 10), durationMinutes: 60 }],
    ['Monday, December 7 ⋅ 10 – 11am', { year: 2026 }, { start: at(12, 7, 10), durationMinutes: 60 }],
    ['Monday, December 7, 2027⋅11:30am – 12:15pm', {}, { start: at(12, 7, 11, 30, 2027), durationMinutes: 45 }],
    ['Monday, December 7⋅1 – 2:30pm', { year: 2026 }, { start: at(12, 7, 13), durationMinutes: 90 }],
    ['Monday, 7 December 2026⋅22:00 – 01:00', {}, { start: at(12, 7, 22), durationMinutes: 180 }],
    ['Monday, December 7', { year: 2026 }, { start: at(12, 7, 0) }],
    ['Mon 12/14/2026 4:30 PM - 5:15 PM', { monthFirst: true }, { start: at(12, 14, 16, 30), durationMinutes: 45 }],
    ['Wed 16/12/2026 09:00 - 10:00', { monthFirst: false }, { start: at(12, 16, 9), durationMinutes: 60 }],
    ['Wed 16/12/2026 09:00 - 10:00', {}, { start: at(12, 16, 9), durationMinutes: 60 }],
    ['Fri 12/11/2026 10:00 - 11:00', { monthFirst: false }, { start: at(11, 12, 10), durationMinutes: 60 }],
  ])('%s reads as its start and duration', (line, options, expected) => {
    expect(parseEventTime(line, options)).toEqual(expected);
  });

  it.each([
    ['a date without a year, when the page gives none', 'Monday, December 7⋅10:00 – 11:00am', {}],
    ['numbers that could be either day or month, with no locale', 'Fri 12/11/2026 10:00 - 11:00', {}],
    ['a recurrence line', 'Weekly on Monday', { year: 2026 }],
    ['times without a date', '10:00 – 11:00am', { year: 2026 }],
    ['a day that does not exist', 'February 30, 2026⋅10:00 – 11:00am', {}],
    ['an hour that does not exist', 'Monday, December 7⋅25:00 – 26:00', { year: 2026 }],
    ['bare hours without am/pm', 'Monday, December 7⋅10 – 11', { year: 2026 }],
    ['a sentence with a date in it', 'Bring the tide tables on December 7 at 10:00', { year: 2026 }],
  ])('%s is not read (never a guess)', (_, line, options) => {
    expect(parseEventTime(line, options)).toBeUndefined();
  });
});

describe('an invitee’s response, as the calendars word it', () => {
  it.each([
    ['Accepted', 'accepted'],
    ['Attending', 'accepted'],
    ['Grace Hopper, Accepted, Organizer', 'accepted'],
    ['Not attending', 'declined'],
    ['Edsger Dijkstra, Declined', 'declined'],
    ['Maybe', 'tentative'],
    ['Tentative 1', 'tentative'],
    ['Tentatively accepted', 'tentative'],
    ['Awaiting', 'needs-action'],
    ['Awaiting response', 'needs-action'],
    ["Didn't respond 1", 'needs-action'],
    ['Didn’t respond', 'needs-action'],
    ['No response', 'needs-action'],
  ])('%s → %s', (label, response) => {
    expect(responseIn(label)).toBe(response);
  });

  it.each(['Organizer', 'Grace Hopper', 'Optional', ''])('%j states none', (label) => {
    expect(responseIn(label)).toBeUndefined();
  });
});
