/** Which rules are read through an index and which need a scan, and why (lib/segments/plan.ts). */
import { describe, expect, it } from 'vitest';
import { SegmentCondition, UNASSIGNED, type SegmentRule } from '@/lib/model';
import { keyOnlyReads, planRule } from '@/lib/segments';
import { localMidnight } from '@/lib/value/recompute';

const DAY = 86_400_000;
const NOW = localMidnight('2026-06-15');
const rule = (...conditions: unknown[]): SegmentRule => conditions.map((condition) => SegmentCondition.parse(condition));

describe('planRule', () => {
  it('reads each equality field through its own index', () => {
    expect(planRule(rule({ field: 'tag', op: 'has', value: 'vip' }), NOW)).toMatchObject({ kind: 'index', read: { table: 'contacts', index: 'tags', equals: 'vip' } });
    expect(planRule(rule({ field: 'owner', op: 'is', value: 'usr_dana' }), NOW)).toMatchObject({ kind: 'index', read: { table: 'contacts', index: 'ownerId', equals: 'usr_dana' } });
    expect(planRule(rule({ field: 'pipelineStage', op: 'is', value: 'proposal' }), NOW)).toMatchObject({ kind: 'index', read: { index: 'pipelineStage', equals: 'proposal' } });
    expect(planRule(rule({ field: 'tier', op: 'is', value: 'growth' }), NOW)).toMatchObject({ kind: 'index', read: { table: 'values', index: 'tier', equals: 'growth' } });
    expect(planRule(rule({ field: 'stage', op: 'is', value: 'lead' }), NOW)).toMatchObject({ kind: 'index', read: { table: 'contacts', index: 'stage', equals: 'lead' } });
  });

  it('reads activity ranges through the activity indexes', () => {
    expect(planRule(rule({ field: 'lastContacted', op: 'within', days: 30 }), NOW)).toMatchObject({ kind: 'index', read: { table: 'activity', index: 'lastContactedAt', range: { lower: NOW - 30 * DAY } } });
    expect(planRule(rule({ field: 'lastContactedDay', op: 'before', day: '2026-06-01' }), NOW)).toMatchObject({ read: { index: 'lastContactedAt', range: { upper: localMidnight('2026-06-01'), upperOpen: true } } });
    expect(planRule(rule({ field: 'lastContactedDay', op: 'after', day: '2026-06-01' }), NOW)).toMatchObject({ read: { index: 'lastContactedAt', range: { lower: localMidnight('2026-06-02') } } });
    expect(planRule(rule({ field: 'openDealValue', op: 'at-least', amount: 100 }), NOW)).toMatchObject({ read: { table: 'activity', index: 'openDealValue', range: { lower: 100 } } });
    expect(planRule(rule({ field: 'wonValue', op: 'at-least', amount: 1 }), NOW)).toMatchObject({ read: { index: 'wonValue', range: { lower: 1 } } });
    expect(planRule(rule({ field: 'touches', op: 'at-least', count: 2, days: 30 }), NOW)).toMatchObject({ read: { index: 'recentTouchesFrom', range: {} } });
    expect(planRule(rule({ field: 'email', op: 'has' }), NOW)).toMatchObject({ read: { table: 'contacts', index: 'emails', range: {} } });
    expect(planRule(rule({ field: 'phone', op: 'has' }), NOW)).toMatchObject({ read: { table: 'contacts', index: 'phones', range: {} } });
  });

  it('scans for conditions that include contacts without an index key, and says why', () => {
    const scans: Array<[unknown, RegExp]> = [
      [{ field: 'tier', op: 'is-not', value: 'core' }, /matches most contacts/],
      [{ field: 'tag', op: 'lacks', value: 'vip' }, /matches most contacts/],
      [{ field: 'owner', op: 'is', value: UNASSIGNED }, /unassigned contacts have no owner in the index/],
      [{ field: 'company', op: 'contains', value: 'Acme' }, /Company is not indexed/],
      [{ field: 'location', op: 'is', value: 'Berlin' }, /Location is not indexed/],
      [{ field: 'lastContacted', op: 'not-within', days: 30 }, /never contacted/],
      [{ field: 'touches', op: 'at-most', count: 2, days: 30 }, /without touches/],
      [{ field: 'touches', op: 'at-least', count: 0, days: 30 }, /without touches/],
      [{ field: 'openDealValue', op: 'at-most', amount: 100 }, /without deals/],
      [{ field: 'wonValue', op: 'at-least', amount: 0 }, /without deals/],
      [{ field: 'pAlive', op: 'at-least', value: 0.5 }, /P\(alive\) is not indexed/],
      [{ field: 'predictedValue', op: 'at-least', value: 10 }, /Predicted value is not indexed/],
      [{ field: 'email', op: 'lacks' }, /without one have no key/],
    ];
    for (const [condition, why] of scans) {
      const plan = planRule(rule(condition), NOW);
      expect(plan.kind, JSON.stringify(condition)).toBe('scan');
      expect(plan.reason, JSON.stringify(condition)).toMatch(why);
    }
    expect(planRule([], NOW)).toEqual({ kind: 'scan', reason: 'An empty rule matches every contact: every contact is read.' });
  });

  it('picks the most selective indexed condition and checks the others on its candidates', () => {
    const plan = planRule(
      rule({ field: 'email', op: 'has' }, { field: 'pAlive', op: 'at-least', value: 0.5 }, { field: 'tier', op: 'is', value: 'strategic' }, { field: 'tag', op: 'has', value: 'vip' }),
      NOW,
    );
    expect(plan).toEqual({
      kind: 'index',
      read: { table: 'contacts', index: 'tags', equals: 'vip' },
      condition: 3,
      reason: 'Read through the tag index (vip), then the other 3 conditions are checked on those contacts.',
    });
    expect(planRule(rule({ field: 'stage', op: 'is', value: 'customer' }, { field: 'tier', op: 'is', value: 'growth' }), NOW)).toMatchObject({ condition: 1, read: { index: 'tier' } });
    expect(planRule(rule({ field: 'tier', op: 'is', value: 'growth' }), NOW).reason).toBe('Read through the tier index (growth).');
  });

  it('counts from keys alone only when every condition is exact on its index', () => {
    expect(keyOnlyReads(rule({ field: 'tag', op: 'has', value: 'vip' }, { field: 'wonValue', op: 'at-least', amount: 1 }), NOW)).toEqual([
      { table: 'contacts', index: 'tags', equals: 'vip' },
      { table: 'activity', index: 'wonValue', range: { lower: 1 } },
    ]);
    expect(keyOnlyReads(rule({ field: 'touches', op: 'at-least', count: 1, days: 30 }), NOW)).toBeNull();
    expect(keyOnlyReads(rule({ field: 'tag', op: 'has', value: 'vip' }, { field: 'pAlive', op: 'at-least', value: 0.5 }), NOW)).toBeNull();
    expect(keyOnlyReads([], NOW)).toBeNull();
  });
});
