/** Segment members read from real IndexedDB: the index plan finds exactly what a full check finds. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCrmDatabase, type ActivityFacts, type CrmDatabase } from '@/lib/db';
import { countSegment, segmentMembers } from '@/lib/db/queries/segments';
import { Contact, SegmentCondition, VALUE_TIERS, type ContactValue, type SegmentRule } from '@/lib/model';
import { matchesRule } from '@/lib/segments';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12);
const PEOPLE = 40;

let db: CrmDatabase;
let dbCount = 0;
const everyone: Array<{ contact: Contact; value?: ContactValue; activity?: ActivityFacts }> = [];

beforeEach(async () => {
  db = openCrmDatabase(`segments-${++dbCount}`);
  await db.open();
  everyone.length = 0;
  for (let i = 0; i < PEOPLE; i++) {
    const contact = Contact.parse({
      id: `c${String(i).padStart(2, '0')}`,
      name: `Person ${i}`,
      emails: i % 3 === 0 ? [] : [`p${i}@example.org`, `p${i}@work.example`],
      phones: i % 4 === 0 ? ['+15550100'] : [],
      tags: i % 5 === 0 ? ['vip', 'berlin'] : i % 2 === 0 ? ['berlin'] : [],
      stage: i % 2 === 0 ? 'customer' : 'lead',
      pipelineStage: i % 7 === 0 ? 'proposal' : undefined,
      ownerId: i % 3 === 1 ? 'usr_dana' : undefined,
      company: i % 2 === 0 ? 'Acme GmbH' : 'Initech',
      createdAt: 1,
      updatedAt: 1,
      // One deleted contact that would match most rules: it must never be listed.
      ...(i === 10 ? { deletedAt: 2 } : {}),
    });
    const value: ContactValue | undefined =
      i % 6 === 5
        ? undefined
        : { contactId: contact.id, historical: i, predictedPurchases: 1, pAlive: (i % 10) / 10, expectedSpend: 1, clv: i * 10, rfm: { r: 0, f: 0, m: 0 }, tier: VALUE_TIERS[i % VALUE_TIERS.length]!, explanation: '', computedAt: 1 };
    const activity: ActivityFacts | undefined =
      i % 4 === 3
        ? undefined
        : { contactId: contact.id, lastContactedAt: NOW - i * 3 * DAY, recentTouches: i * 3 < 90 ? [NOW - i * 3 * DAY] : [], openDealValue: (i % 3) * 10_000, wonValue: (i % 2) * 5_000, mixedCurrencies: false, updatedAt: NOW };
    if (activity?.recentTouches[0] !== undefined) activity.recentTouchesFrom = activity.recentTouches[0];
    everyone.push({ contact, value, activity });
  }
  await db.contacts.bulkPut(everyone.map((row) => row.contact));
  await db.values.bulkPut(everyone.flatMap((row) => (row.value ? [row.value] : [])));
  await db.activity.bulkPut(everyone.flatMap((row) => (row.activity ? [row.activity] : [])));
});
afterEach(async () => {
  await db.delete();
});

const rule = (...conditions: unknown[]): SegmentRule => conditions.map((condition) => SegmentCondition.parse(condition));
const expected = (segment: SegmentRule) =>
  everyone
    .filter((row) => !row.contact.deletedAt && matchesRule(segment, row, NOW))
    .map((row) => row.contact.id)
    .sort();

const RULES: Array<[SegmentRule, 'index' | 'scan']> = [
  [rule({ field: 'tag', op: 'has', value: 'vip' }), 'index'],
  [rule({ field: 'owner', op: 'is', value: 'usr_dana' }, { field: 'stage', op: 'is', value: 'lead' }), 'index'],
  [rule({ field: 'pipelineStage', op: 'is', value: 'proposal' }), 'index'],
  [rule({ field: 'tier', op: 'is', value: 'strategic' }, { field: 'email', op: 'has' }), 'index'],
  [rule({ field: 'stage', op: 'is', value: 'customer' }, { field: 'company', op: 'contains', value: 'acme' }), 'index'],
  [rule({ field: 'lastContacted', op: 'within', days: 30 }), 'index'],
  [rule({ field: 'lastContactedDay', op: 'before', day: '2026-05-01' }), 'index'],
  [rule({ field: 'lastContactedDay', op: 'after', day: '2026-06-01' }), 'index'],
  [rule({ field: 'openDealValue', op: 'at-least', amount: 20_000 }), 'index'],
  [rule({ field: 'wonValue', op: 'at-least', amount: 1 }, { field: 'pAlive', op: 'at-least', value: 0.5 }), 'index'],
  [rule({ field: 'touches', op: 'at-least', count: 1, days: 30 }), 'index'],
  [rule({ field: 'email', op: 'has' }), 'index'],
  [rule({ field: 'phone', op: 'has' }), 'index'],
  [rule({ field: 'lastContacted', op: 'not-within', days: 30 }), 'scan'],
  [rule({ field: 'tag', op: 'lacks', value: 'berlin' }), 'scan'],
  [rule({ field: 'predictedValue', op: 'at-least', value: 200 }), 'scan'],
  [rule({ field: 'email', op: 'lacks' }, { field: 'openDealValue', op: 'at-most', amount: 0 }), 'scan'],
  [[], 'scan'],
];

describe('segmentMembers', () => {
  it('finds through the planned index exactly the live contacts a full check finds', async () => {
    for (const [segment, kind] of RULES) {
      const found = await segmentMembers(db, segment, NOW);
      const label = JSON.stringify(segment);
      expect(found.plan.kind, label).toBe(kind);
      expect(found.contacts.map((contact) => contact.id).sort(), label).toEqual(expected(segment));
      // An index plan reads candidates only; a scan reads every contact, deleted ones included.
      if (kind === 'index') expect(found.read, label).toBeLessThan(PEOPLE);
      else expect(found.read, label).toBe(PEOPLE);
      // The count agrees, whether from index keys alone or from the rows.
      expect((await countSegment(db, segment, NOW)).count, label).toBe(expected(segment).length);
    }
  });

  it('counts from index keys alone when every condition is exact on its index, deleted contacts left out', async () => {
    const keysOnly = async (segment: SegmentRule) => (await countSegment(db, segment, NOW)).keysOnly;
    // c10 is deleted and has "vip": the keys count leaves it out through the deletedAt index.
    expect(everyone.find((row) => row.contact.id === 'c10')?.contact.tags).toContain('vip');
    expect(await countSegment(db, rule({ field: 'tag', op: 'has', value: 'vip' }), NOW)).toMatchObject({ count: 7, keysOnly: true });
    expect(await keysOnly(rule({ field: 'tier', op: 'is', value: 'strategic' }, { field: 'email', op: 'has' }, { field: 'lastContacted', op: 'within', days: 60 }))).toBe(true);
    // Touches keep only a superset in the index; company has no index: the rows are read.
    expect(await keysOnly(rule({ field: 'touches', op: 'at-least', count: 1, days: 30 }))).toBe(false);
    expect(await keysOnly(rule({ field: 'tag', op: 'has', value: 'vip' }, { field: 'company', op: 'contains', value: 'acme' }))).toBe(false);
    expect(await keysOnly([])).toBe(false);
    // The deletedAt index follows a delete and an undo.
    await db.contacts.update('c05', { deletedAt: 3 });
    expect((await countSegment(db, rule({ field: 'tag', op: 'has', value: 'vip' }), NOW)).count).toBe(6);
    await db.contacts.where('id').equals('c05').modify((contact) => void delete contact.deletedAt);
    expect((await countSegment(db, rule({ field: 'tag', op: 'has', value: 'vip' }), NOW)).count).toBe(7);
  });

  it('counts members, skipping deleted contacts, and follows changes', async () => {
    expect(expected(rule({ field: 'tag', op: 'has', value: 'vip' }))).toHaveLength(7);
    expect(await countSegment(db, rule({ field: 'tag', op: 'has', value: 'vip' }), NOW)).toMatchObject({ count: 7, plan: { kind: 'index' } });
    await db.contacts.update('c01', { tags: ['vip'] });
    expect((await countSegment(db, rule({ field: 'tag', op: 'has', value: 'vip' }), NOW)).count).toBe(8);
    expect((await countSegment(db, [], NOW)).count).toBe(PEOPLE - 1);
  });
});
