/**
 * dueCadences reads each last touch's day from the `lastTouchedAt` index (a request per day for
 * the last 400 days, key by key before that and after today) instead of every key. It must plan
 * exactly what planning every contact from its exact last touch plans: same due contacts, order,
 * cadences, dates, explanations, next wake time and count, with `lastTouchAt` given as the day
 * (its local midnight). Checked on a varied dataset in a zone with daylight saving: touches an
 * hour either side of midnight and of both clock changes, older than the window, in the future,
 * never; own cadences, tiers, a key-only segment and one that reads rows; deleted contacts,
 * activity rows written before `lastTouchedAt` existed, and snoozes running and ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTimeZone } from '../time-zone';
import { planCadences, startOfDayAfter, type Cadence, type CadenceCandidate, type CadenceSettings, type CadenceSnoozes } from '@/lib/cadences';
import { openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { withIndexKeys } from '@/lib/db/contact-keys';
import { dueCadences } from '@/lib/db/queries/cadences';
import type { ActivityFacts } from '@/lib/db/types';
import { Contact, Segment, type ContactValue, type ValueTier } from '@/lib/model';

inTimeZone('Europe/Berlin');

const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIERS: Array<ValueTier | undefined> = ['strategic', 'growth', 'core', 'at-risk', 'prospect', undefined];
const OWN_DAYS = [undefined, undefined, undefined, 1, 7, 30, 365];

/** Moments that test day boundaries: both clock changes of 2026 in Berlin and midnights around them. */
const EDGES = [
  utc('2026-03-28T23:00:00Z'), // Sunday 29 March 00:00 CET, the spring change's day
  utc('2026-03-29T01:00:00Z'), // 03:00 CEST, just after the change
  utc('2026-03-29T21:59:59Z'), // 23:59:59 CEST
  utc('2026-10-24T22:00:00Z'), // Sunday 25 October 00:00 CEST, the autumn change's day
  utc('2026-10-25T00:30:00Z'), // 02:30 CEST, the first of the repeated hours
  utc('2026-10-25T01:30:00Z'), // 02:30 CET, the second
  utc('2026-10-25T22:59:59Z'), // 23:59:59 CET
];

interface Person {
  id: string;
  createdAt: number;
  tier?: ValueTier;
  vip: boolean;
  company: string;
  ownDays?: number;
  /** Exact last touch in the `lastTouchedAt` index; undefined when never touched (or only in a pre-index row). */
  lastTouchAt?: number;
  preIndexRow: boolean;
  deleted: boolean;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function people(count: number, base: number): Person[] {
  const next = random(22);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const kind = index % 6;
    // Touches spread over 3 years back and a week ahead, a third of them at a clock change or midnight.
    const lastTouchAt =
      kind === 0 ? undefined
      : kind === 1 ? pick(EDGES) + Math.round((next() - 0.5) * 4) * HOUR
      : kind === 2 ? base - Math.floor(next() * 1_100) * DAY - Math.floor(next() * 24) * HOUR
      : kind === 3 ? startOfDayAfter(base, -Math.floor(next() * 120)) + (next() < 0.5 ? 0 : DAY - 1)
      : kind === 4 ? base + Math.floor(next() * 7 * 24) * HOUR
      : base - Math.floor(next() * 90 * DAY);
    const tier = pick(TIERS);
    const ownDays = pick(OWN_DAYS);
    return {
      id: `p${String(index).padStart(4, '0')}`,
      createdAt: base - Math.floor(next() * 800) * DAY - Math.floor(next() * DAY),
      ...(tier ? { tier } : {}),
      vip: next() < 0.3,
      company: next() < 0.4 ? 'Acme Corp' : 'Globex',
      ...(ownDays ? { ownDays } : {}),
      ...(lastTouchAt !== undefined ? { lastTouchAt } : {}),
      preIndexRow: lastTouchAt === undefined && next() < 0.5,
      deleted: next() < 0.05,
    };
  });
}

const BASE = utc('2026-10-26T09:00:00Z');
const PEOPLE = people(600, BASE);
const VIPS: Cadence = { days: 21, source: { kind: 'segment', segmentId: 'vips', name: 'VIPs' } };
const ACME: Cadence = { days: 45, source: { kind: 'segment', segmentId: 'acme', name: 'Acme people' } };

let db: CrmDatabase;

beforeAll(async () => {
  db = openCrmDatabase('cadences-by-day');
  await db.open();
  await db.contacts.bulkPut(
    PEOPLE.map((person) =>
      withIndexKeys(
        Contact.parse({
          id: person.id, name: person.id, company: person.company, tags: person.vip ? ['vip'] : [],
          createdAt: person.createdAt, updatedAt: person.createdAt,
          ...(person.ownDays ? { cadenceDays: person.ownDays } : {}),
          ...(person.deleted ? { deletedAt: BASE - DAY } : {}),
        }),
      ),
    ),
  );
  await db.values.bulkPut(
    PEOPLE.flatMap((person): ContactValue[] =>
      person.tier
        ? [{ contactId: person.id, historical: 1, predictedPurchases: 1, pAlive: 0.5, expectedSpend: 1, clv: 1, rfm: { r: 0, f: 0, m: 0 }, tier: person.tier, explanation: '', computedAt: 1 }]
        : [],
    ),
  );
  await db.activity.bulkPut(
    PEOPLE.flatMap((person): ActivityFacts[] => {
      const facts = { contactId: person.id, recentTouches: [], openDealValue: 0, wonValue: 0, mixedCurrencies: false, updatedAt: 1 };
      if (person.lastTouchAt !== undefined) return [{ ...facts, lastContactedAt: person.lastTouchAt, lastTouchedAt: person.lastTouchAt }];
      // A row from before `lastTouchedAt` was kept: the index does not list it, so both reads count them as never touched.
      return person.preIndexRow ? [{ ...facts, lastContactedAt: BASE - 50 * DAY }] : [];
    }),
  );
  await db.segments.bulkPut([
    Segment.parse({ id: 'vips', name: 'VIPs', rule: [{ field: 'tag', op: 'has', value: 'vip' }], cadenceDays: 21, createdAt: 1, updatedAt: 1 }),
    Segment.parse({ id: 'acme', name: 'Acme people', rule: [{ field: 'company', op: 'contains', value: 'Acme' }], cadenceDays: 45, createdAt: 1, updatedAt: 1 }),
  ]);
});
afterAll(async () => {
  await db.delete();
});

/** The plan from every contact's exact last touch, as the dataset defines them: what reading every index key gave. */
function planFromExactTouches(settings: CadenceSettings, snoozes: CadenceSnoozes, now: number) {
  const candidates = PEOPLE.flatMap((person): CadenceCandidate[] => {
    if (person.deleted) return [];
    const cadences: Cadence[] = [];
    if (person.ownDays) cadences.push({ days: person.ownDays, source: { kind: 'contact' } });
    if (person.vip) cadences.push(VIPS);
    if (person.company.includes('Acme')) cadences.push(ACME);
    const tier = person.tier;
    if (tier === 'strategic' || tier === 'growth' || tier === 'core') {
      if (settings[tier].on) cadences.push({ days: settings[tier].days, source: { kind: 'tier', tier } });
    }
    if (cadences.length === 0) return [];
    return [{ contactId: person.id, createdAt: person.createdAt, cadences, ...(person.lastTouchAt !== undefined ? { lastTouchAt: person.lastTouchAt } : {}) }];
  });
  const plan = planCadences(candidates, snoozes, now);
  const due = plan.due.map(({ lastTouchAt, ...rest }) => (lastTouchAt === undefined ? rest : { ...rest, lastTouchAt: startOfDayAfter(lastTouchAt, 0) }));
  return { due, ...(plan.nextAt !== undefined ? { nextAt: plan.nextAt } : {}), planned: candidates.length };
}

const ALL_ON: CadenceSettings = { strategic: { on: true, days: 30 }, growth: { on: true, days: 60 }, core: { on: true, days: 90 } };
const CORE_ONLY: CadenceSettings = { strategic: { on: false, days: 30 }, growth: { on: false, days: 60 }, core: { on: true, days: 120 } };

/** Snoozes on every 7th contact: half still running at `now`, half ended. */
function snoozesAt(now: number): CadenceSnoozes {
  return Object.fromEntries(PEOPLE.filter((_, index) => index % 7 === 0).map((person, index) => [person.id, index % 2 === 0 ? now + (index + 1) * HOUR : now - HOUR]));
}

describe('dueCadences from the days of the last touches', () => {
  const moments: Array<[string, number]> = [
    ['an autumn morning after the change', BASE],
    ['local midnight starting 30 March (the day after the spring change)', utc('2026-03-29T22:00:00Z')],
    ['a second before midnight on the autumn change’s day', utc('2026-10-25T22:59:59Z')],
    ['the repeated hour of the autumn change', utc('2026-10-25T01:30:00Z')],
    ['midnight 21 days after the spring change', startOfDayAfter(utc('2026-03-29T10:00:00Z'), 21)],
  ];

  it.each(moments)('plans what the exact touches plan at %s, tiers all on, with and without snoozes', async (_, now) => {
    for (const snoozes of [{}, snoozesAt(now)]) {
      const reading = await dueCadences(db, ALL_ON, snoozes, now);
      expect(reading).toEqual(planFromExactTouches(ALL_ON, snoozes, now));
    }
  });

  it('plans what the exact touches plan with one long tier cadence, and the dataset covers what it should', async () => {
    const reading = await dueCadences(db, CORE_ONLY, snoozesAt(BASE), BASE);
    expect(reading).toEqual(planFromExactTouches(CORE_ONLY, snoozesAt(BASE), BASE));
    // The comparison means something: many due and many not, touches before the 400-day window and after today.
    const full = await dueCadences(db, ALL_ON, {}, BASE);
    expect(full.due.length).toBeGreaterThan(100);
    expect(full.planned - full.due.length).toBeGreaterThan(50);
    expect(PEOPLE.some((person) => person.lastTouchAt !== undefined && person.lastTouchAt < BASE - 400 * DAY)).toBe(true);
    expect(PEOPLE.some((person) => person.lastTouchAt !== undefined && person.lastTouchAt > startOfDayAfter(BASE, 1))).toBe(true);
    expect(full.due.some((due) => due.lastTouchAt === undefined)).toBe(true);
  });
});
