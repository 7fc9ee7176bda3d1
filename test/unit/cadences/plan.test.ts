/**
 * Keep-in-touch planning (lib/cadences), in a zone with daylight saving. Expected instants are
 * written out in UTC by hand (Berlin: UTC+1 in winter, UTC+2 from 29 March 2026 02:00 until
 * 25 October 2026 03:00).
 */
import { describe, expect, it } from 'vitest';
import { inTimeZone } from '../time-zone';
import { calendarDaysBetween, lastTouchOf, mergeCadencePlans, planCadences, startOfDayAfter, type Cadence, type CadenceCandidate } from '@/lib/cadences';

inTimeZone('Europe/Berlin');

const utc = (iso: string) => Date.parse(iso);
const strategic: Cadence = { days: 30, source: { kind: 'tier', tier: 'strategic' } };
const growth: Cadence = { days: 60, source: { kind: 'tier', tier: 'growth' } };
const vips = (days: number): Cadence => ({ days, source: { kind: 'segment', segmentId: 's1', name: 'VIPs' } });
const own = (days: number): Cadence => ({ days, source: { kind: 'contact' } });

function candidate(cadences: Cadence[], lastTouchAt?: number, createdAt = utc('2025-01-01T12:00:00Z')): CadenceCandidate {
  return { contactId: 'ada', createdAt, cadences, ...(lastTouchAt !== undefined ? { lastTouchAt } : {}) };
}

describe('calendar days across daylight saving', () => {
  it('counts a 23-hour and a 25-hour day as one day each', () => {
    // 28 March 23:30 CET → 29 March 23:30 CEST: 23 hours, one calendar day.
    expect(calendarDaysBetween(utc('2026-03-28T22:30:00Z'), utc('2026-03-29T21:30:00Z'))).toBe(1);
    // 24 October 00:30 CEST → 25 October 23:30 CET: 48 hours (the 25th has 25), yet one calendar day.
    expect(calendarDaysBetween(utc('2026-10-23T22:30:00Z'), utc('2026-10-25T22:30:00Z'))).toBe(1);
    // Same day, 23:59 apart in wall-clock terms.
    expect(calendarDaysBetween(utc('2026-03-29T00:00:00Z'), utc('2026-03-29T21:59:00Z'))).toBe(0);
  });

  it('falls due at local midnight N calendar days later, whatever the clocks did', () => {
    // A call on 10 March 16:00 CET; 30 days later is 9 April, midnight CEST = 8 April 22:00 UTC.
    expect(startOfDayAfter(utc('2026-03-10T15:00:00Z'), 30)).toBe(utc('2026-04-08T22:00:00Z'));
    // Not 30 × 24 hours after midnight of 10 March, which lands at 01:00 CEST.
    expect(startOfDayAfter(utc('2026-03-10T15:00:00Z'), 30)).not.toBe(utc('2026-03-09T23:00:00Z') + 30 * 86_400_000);
    // Across the autumn change: 1 October + 30 days is 31 October, midnight CET.
    expect(startOfDayAfter(utc('2026-10-01T10:00:00Z'), 30)).toBe(utc('2026-10-30T23:00:00Z'));
  });
});

describe('planCadences', () => {
  const call = utc('2026-03-10T15:00:00Z'); // 10 March, 16:00 CET

  it('is not due the evening before, and is due from midnight of the day, across the spring change', () => {
    const evening = utc('2026-04-08T21:59:00Z'); // 8 April 23:59 CEST
    const midnight = utc('2026-04-08T22:00:00Z'); // 9 April 00:00 CEST
    const before = planCadences([candidate([strategic], call)], {}, evening);
    expect(before.due).toEqual([]);
    expect(before.nextAt).toBe(midnight);
    const at = planCadences([candidate([strategic], call)], {}, midnight);
    expect(at.due).toHaveLength(1);
    expect(at.due[0]).toMatchObject({ contactId: 'ada', dueAt: midnight, daysSince: 30, lastTouchAt: call });
    expect(at.due[0]!.explanation).toBe('Strategic customers: every 30 days — last touch 30 days ago');
  });

  it('explains as the issue says: "Strategic customers: every 30 days — last touch 41 days ago"', () => {
    const now = utc('2026-04-20T08:00:00Z'); // 20 April: 41 days after 10 March
    expect(planCadences([candidate([strategic], call)], {}, now).due[0]!.explanation).toBe(
      'Strategic customers: every 30 days — last touch 41 days ago',
    );
  });

  it('follows the shortest cadence, says which, and lists the others', () => {
    const now = utc('2026-04-20T08:00:00Z');
    const plan = planCadences([candidate([growth, vips(21), strategic], call)], {}, now);
    expect(plan.due[0]!.cadence).toEqual(vips(21));
    expect(plan.due[0]!.explanation).toBe('VIPs: every 21 days — last touch 41 days ago');
    expect(plan.due[0]!.others.map((cadence) => cadence.days)).toEqual([30, 60]);
    // Due by the shortest even when the longer ones are not: 41 days is under 60.
    expect(planCadences([candidate([growth], call)], {}, now).due).toEqual([]);
  });

  it('on equal days names the contact’s own cadence, then a segment, then the tier', () => {
    const now = utc('2026-04-20T08:00:00Z');
    expect(planCadences([candidate([strategic, vips(30), own(30)], call)], {}, now).due[0]!.explanation).toBe(
      'Their own cadence: every 30 days — last touch 41 days ago',
    );
    expect(planCadences([candidate([strategic, vips(30)], call)], {}, now).due[0]!.cadence.source.kind).toBe('segment');
  });

  it('restarts the clock at a new touch: a call yesterday makes them not due, due again a cadence later', () => {
    const now = utc('2026-04-20T08:00:00Z');
    const yesterday = utc('2026-04-19T10:00:00Z');
    const plan = planCadences([candidate([strategic], yesterday)], {}, now);
    expect(plan.due).toEqual([]);
    expect(plan.nextAt).toBe(utc('2026-05-18T22:00:00Z')); // 19 May, midnight CEST
  });

  it('counts from when the contact was added while nothing was logged', () => {
    const added = utc('2026-02-01T10:00:00Z');
    const now = utc('2026-03-15T10:00:00Z'); // 42 days later
    const plan = planCadences([candidate([strategic], undefined, added)], {}, now);
    expect(plan.due[0]!.explanation).toBe('Strategic customers: every 30 days — no touch since added 42 days ago');
    expect(planCadences([candidate([growth], undefined, added)], {}, now).due).toEqual([]);
  });

  it('hides a snoozed contact until the snooze ends, across the autumn change, then shows them again', () => {
    const touch = utc('2026-09-01T10:00:00Z');
    const now = utc('2026-10-24T10:00:00Z'); // Saturday 24 October, due since 1 October
    const until = utc('2026-10-26T08:00:00Z'); // Monday 26 October 09:00 CET (after the change)
    const snoozed = planCadences([candidate([strategic], touch)], { ada: until }, now);
    expect(snoozed.due).toEqual([]);
    expect(snoozed.nextAt).toBe(until);
    expect(planCadences([candidate([strategic], touch)], { ada: until }, until - 1).due).toEqual([]);
    const after = planCadences([candidate([strategic], touch)], { ada: until }, until);
    expect(after.due).toHaveLength(1);
    expect(after.due[0]!.daysSince).toBe(55);
  });

  it('ignores a snooze once a touch moved the due date past it', () => {
    const now = utc('2026-04-20T08:00:00Z');
    const plan = planCadences([candidate([strategic], utc('2026-04-19T10:00:00Z'))], { ada: utc('2026-04-21T07:00:00Z') }, now);
    expect(plan.due).toEqual([]);
    expect(plan.nextAt).toBe(utc('2026-05-18T22:00:00Z'));
  });

  it('never plans a contact without a cadence, and orders the due longest overdue first', () => {
    const now = utc('2026-04-20T08:00:00Z');
    const plan = planCadences(
      [
        { contactId: 'none', createdAt: 0, cadences: [] },
        { contactId: 'recent', createdAt: 0, lastTouchAt: utc('2026-03-15T10:00:00Z'), cadences: [strategic] },
        { contactId: 'old', createdAt: 0, lastTouchAt: utc('2026-01-15T10:00:00Z'), cadences: [strategic] },
      ],
      {},
      now,
    );
    expect(plan.due.map((due) => due.contactId)).toEqual(['old', 'recent']);
  });

  it('says "every day", "yesterday" and "today"', () => {
    const now = utc('2026-04-20T08:00:00Z');
    expect(planCadences([candidate([own(1)], utc('2026-04-19T08:00:00Z'))], {}, now).due[0]!.explanation).toBe(
      'Their own cadence: every day — last touch yesterday',
    );
  });
});

describe('mergeCadencePlans', () => {
  it('gives what planning everyone at once gives, whatever the slices', () => {
    const now = utc('2026-04-20T08:00:00Z');
    const people: CadenceCandidate[] = Array.from({ length: 40 }, (_, index) => ({
      contactId: `c${String(39 - index).padStart(2, '0')}`,
      createdAt: utc('2025-06-01T10:00:00Z'),
      cadences: index % 3 === 0 ? [growth, own(14)] : [strategic],
      ...(index % 5 === 0 ? {} : { lastTouchAt: now - (index % 9) * 7 * 86_400_000 }),
    }));
    const snoozes = { c03: now + 3_600_000, c10: now - 1 };
    const whole = planCadences(people, snoozes, now);
    expect(whole.due.length).toBeGreaterThan(10);
    expect(whole.nextAt).toBeDefined();
    for (const size of [1, 7, 40]) {
      const slices = Array.from({ length: Math.ceil(people.length / size) }, (_, index) => people.slice(index * size, (index + 1) * size));
      expect(mergeCadencePlans(slices.map((slice) => planCadences(slice, snoozes, now)))).toEqual(whole);
    }
    expect(mergeCadencePlans([])).toEqual({ due: [] });
  });
});

describe('lastTouchOf', () => {
  it('takes the latest of the stored last touch, last contact and recent touches', () => {
    expect(lastTouchOf(undefined)).toBeUndefined();
    expect(lastTouchOf({ recentTouches: [] })).toBeUndefined();
    expect(lastTouchOf({ lastContactedAt: 5, recentTouches: [3, 9] })).toBe(9);
    expect(lastTouchOf({ lastContactedAt: 5, lastTouchedAt: 12, recentTouches: [3, 9] })).toBe(12);
  });
});
