/** Every operator of every segment field, evaluated on plain facts (lib/segments is pure). */
import { describe, expect, it } from 'vitest';
import { Segment, SegmentCondition, UNASSIGNED, type SegmentRule } from '@/lib/model';
import { factsNeeded, matchesCondition, matchesRule, type SegmentFacts } from '@/lib/segments';
import { localMidnight } from '@/lib/value/recompute';

const DAY = 86_400_000;
const NOW = localMidnight('2026-06-15') + 12 * 3_600_000;

const ada: SegmentFacts = {
  contact: { stage: 'customer', pipelineStage: 'proposal', tags: ['vip', 'berlin'], ownerId: 'usr_dana', company: 'Analytical Engines Ltd', location: 'Zürich, CH', emails: ['ada@example.org'], phones: [] },
  value: { tier: 'strategic', pAlive: 0.8, clv: 1_200 },
  activity: { lastContactedAt: NOW - 10 * DAY, recentTouches: [NOW - 40 * DAY, NOW - 20 * DAY, NOW - 10 * DAY], openDealValue: 50_000, wonValue: 0 },
};
/** A contact nobody has touched: no values, no activity, no owner, no company. */
const bare: SegmentFacts = { contact: { stage: 'lead', tags: [], emails: [], phones: ['+15550100'] } };

const holds = (condition: unknown, facts: SegmentFacts = ada) => matchesCondition(SegmentCondition.parse(condition), facts, NOW);

describe('segment conditions', () => {
  it('tier, lifecycle stage and pipeline stage: is / is not', () => {
    expect(holds({ field: 'tier', op: 'is', value: 'strategic' })).toBe(true);
    expect(holds({ field: 'tier', op: 'is', value: 'growth' })).toBe(false);
    expect(holds({ field: 'tier', op: 'is-not', value: 'growth' })).toBe(true);
    expect(holds({ field: 'tier', op: 'is-not', value: 'strategic' })).toBe(false);
    // No computed value yet: never "is" a tier, always "is not" one.
    expect(holds({ field: 'tier', op: 'is', value: 'prospect' }, bare)).toBe(false);
    expect(holds({ field: 'tier', op: 'is-not', value: 'prospect' }, bare)).toBe(true);
    expect(holds({ field: 'stage', op: 'is', value: 'customer' })).toBe(true);
    expect(holds({ field: 'stage', op: 'is-not', value: 'customer' })).toBe(false);
    expect(holds({ field: 'pipelineStage', op: 'is', value: 'proposal' })).toBe(true);
    expect(holds({ field: 'pipelineStage', op: 'is-not', value: 'proposal' }, bare)).toBe(true);
  });

  it('tags: has / lacks', () => {
    expect(holds({ field: 'tag', op: 'has', value: 'vip' })).toBe(true);
    expect(holds({ field: 'tag', op: 'has', value: 'VIP' })).toBe(false);
    expect(holds({ field: 'tag', op: 'lacks', value: 'vip' })).toBe(false);
    expect(holds({ field: 'tag', op: 'lacks', value: 'vip' }, bare)).toBe(true);
  });

  it('owner: a member or unassigned, is / is not', () => {
    expect(holds({ field: 'owner', op: 'is', value: 'usr_dana' })).toBe(true);
    expect(holds({ field: 'owner', op: 'is', value: 'usr_eve' })).toBe(false);
    expect(holds({ field: 'owner', op: 'is-not', value: 'usr_eve' })).toBe(true);
    expect(holds({ field: 'owner', op: 'is', value: UNASSIGNED })).toBe(false);
    expect(holds({ field: 'owner', op: 'is', value: UNASSIGNED }, bare)).toBe(true);
    expect(holds({ field: 'owner', op: 'is-not', value: UNASSIGNED }, bare)).toBe(false);
  });

  it('company and location: is (whole value) / contains, ignoring case and accents', () => {
    expect(holds({ field: 'company', op: 'is', value: 'analytical engines ltd' })).toBe(true);
    expect(holds({ field: 'company', op: 'is', value: 'Analytical' })).toBe(false);
    expect(holds({ field: 'company', op: 'contains', value: 'ENGINES' })).toBe(true);
    expect(holds({ field: 'company', op: 'contains', value: 'engines' }, bare)).toBe(false);
    expect(holds({ field: 'location', op: 'contains', value: 'zurich' })).toBe(true);
    expect(holds({ field: 'location', op: 'is', value: 'Zurich, ch' })).toBe(true);
    expect(holds({ field: 'location', op: 'is', value: 'Zurich' })).toBe(false);
  });

  it('last contacted within / not within N days; never contacted is "not within"', () => {
    expect(holds({ field: 'lastContacted', op: 'within', days: 10 })).toBe(true);
    expect(holds({ field: 'lastContacted', op: 'within', days: 9 })).toBe(false);
    expect(holds({ field: 'lastContacted', op: 'not-within', days: 9 })).toBe(true);
    expect(holds({ field: 'lastContacted', op: 'not-within', days: 30 })).toBe(false);
    expect(holds({ field: 'lastContacted', op: 'within', days: 3650 }, bare)).toBe(false);
    expect(holds({ field: 'lastContacted', op: 'not-within', days: 1 }, bare)).toBe(true);
  });

  it('last contacted before / after a day, in local days; never contacted is neither', () => {
    // Ada was last contacted on 2026-06-05 at noon.
    expect(holds({ field: 'lastContactedDay', op: 'before', day: '2026-06-06' })).toBe(true);
    expect(holds({ field: 'lastContactedDay', op: 'before', day: '2026-06-05' })).toBe(false);
    expect(holds({ field: 'lastContactedDay', op: 'after', day: '2026-06-04' })).toBe(true);
    expect(holds({ field: 'lastContactedDay', op: 'after', day: '2026-06-05' })).toBe(false);
    expect(holds({ field: 'lastContactedDay', op: 'before', day: '2030-01-01' }, bare)).toBe(false);
    expect(holds({ field: 'lastContactedDay', op: 'after', day: '2000-01-01' }, bare)).toBe(false);
  });

  it('touches in N days: at least / at most, counting only the window', () => {
    expect(holds({ field: 'touches', op: 'at-least', count: 2, days: 30 })).toBe(true);
    expect(holds({ field: 'touches', op: 'at-least', count: 3, days: 30 })).toBe(false);
    expect(holds({ field: 'touches', op: 'at-least', count: 3, days: 90 })).toBe(true);
    expect(holds({ field: 'touches', op: 'at-most', count: 1, days: 15 })).toBe(true);
    expect(holds({ field: 'touches', op: 'at-most', count: 1, days: 30 })).toBe(false);
    expect(holds({ field: 'touches', op: 'at-most', count: 0, days: 90 }, bare)).toBe(true);
    expect(holds({ field: 'touches', op: 'at-least', count: 1, days: 90 }, bare)).toBe(false);
  });

  it('open and won deal value (minor units): at least / at most; no deals is zero', () => {
    expect(holds({ field: 'openDealValue', op: 'at-least', amount: 50_000 })).toBe(true);
    expect(holds({ field: 'openDealValue', op: 'at-least', amount: 50_001 })).toBe(false);
    expect(holds({ field: 'openDealValue', op: 'at-most', amount: 50_000 })).toBe(true);
    expect(holds({ field: 'openDealValue', op: 'at-most', amount: 49_999 })).toBe(false);
    expect(holds({ field: 'wonValue', op: 'at-least', amount: 1 })).toBe(false);
    expect(holds({ field: 'wonValue', op: 'at-most', amount: 0 }, bare)).toBe(true);
    expect(holds({ field: 'wonValue', op: 'at-least', amount: 0 }, bare)).toBe(true);
  });

  it('P(alive) and predicted value: at least / at most; contacts without a model value never match', () => {
    expect(holds({ field: 'pAlive', op: 'at-least', value: 0.8 })).toBe(true);
    expect(holds({ field: 'pAlive', op: 'at-least', value: 0.81 })).toBe(false);
    expect(holds({ field: 'pAlive', op: 'at-most', value: 0.5 })).toBe(false);
    expect(holds({ field: 'pAlive', op: 'at-most', value: 1 }, bare)).toBe(false);
    expect(holds({ field: 'predictedValue', op: 'at-least', value: 1_000 })).toBe(true);
    expect(holds({ field: 'predictedValue', op: 'at-most', value: 1_000 })).toBe(false);
    expect(holds({ field: 'predictedValue', op: 'at-least', value: 0 }, { ...ada, value: { tier: 'core', pAlive: null, clv: null } })).toBe(false);
  });

  it('email and phone: has / lacks', () => {
    expect(holds({ field: 'email', op: 'has' })).toBe(true);
    expect(holds({ field: 'email', op: 'lacks' })).toBe(false);
    expect(holds({ field: 'email', op: 'lacks' }, bare)).toBe(true);
    expect(holds({ field: 'phone', op: 'has' })).toBe(false);
    expect(holds({ field: 'phone', op: 'has' }, bare)).toBe(true);
    expect(holds({ field: 'phone', op: 'lacks' })).toBe(true);
  });
});

describe('segment rules', () => {
  it('hold when every condition holds; an empty rule holds for everyone', () => {
    const rule: SegmentRule = [
      { field: 'tier', op: 'is', value: 'strategic' },
      { field: 'tag', op: 'has', value: 'vip' },
    ];
    expect(matchesRule(rule, ada, NOW)).toBe(true);
    expect(matchesRule([...rule, { field: 'phone', op: 'has' }], ada, NOW)).toBe(false);
    expect(matchesRule([], bare, NOW)).toBe(true);
  });

  it('say which derived tables they need', () => {
    expect(factsNeeded([{ field: 'tag', op: 'has', value: 'vip' }])).toEqual({ values: false, activity: false });
    expect(factsNeeded([{ field: 'pAlive', op: 'at-least', value: 0.5 }])).toEqual({ values: true, activity: false });
    expect(factsNeeded([{ field: 'touches', op: 'at-least', count: 1, days: 30 }])).toEqual({ values: false, activity: true });
  });

  it('are refused when malformed, with a message for people', () => {
    const parse = (condition: unknown) => SegmentCondition.safeParse(condition).success;
    expect(parse({ field: 'tier', op: 'is', value: 'gold' })).toBe(false);
    expect(parse({ field: 'tag', op: 'is', value: 'vip' })).toBe(false);
    expect(parse({ field: 'touches', op: 'at-least', count: 1, days: 91 })).toBe(false);
    expect(parse({ field: 'lastContactedDay', op: 'before', day: '15/06/2026' })).toBe(false);
    expect(parse({ field: 'pAlive', op: 'at-least', value: 1.5 })).toBe(false);
    const unnamed = Segment.safeParse({ id: 's1', name: '  ', rule: [], createdAt: 1, updatedAt: 1 });
    expect(unnamed.error?.issues[0]?.message).toBe('Give the segment a name.');
  });
});
