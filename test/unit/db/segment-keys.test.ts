/**
 * The live count's kept index keys (lib/db/queries/segment-keys.ts): counts from kept keys stay
 * what a full check of every contact finds, through writes of every table a rule reads, trashed
 * and multi-tag contacts, and a window that moves with the clock.
 */
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eraseContact, openCrmDatabase, type ActivityFacts, type CrmDatabase } from '@/lib/db';
import { countSegment } from '@/lib/db/queries/segments';
import { Contact, SegmentCondition, VALUE_TIERS, type ContactValue, type SegmentRule } from '@/lib/model';
import { keyOnlyReads, matchesRule } from '@/lib/segments';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12);
const PEOPLE = 300;
const TAGS = ['vip', 'berlin', 'lisbon', 'partner'];

let db: CrmDatabase;
let dbCount = 0;

function person(i: number): Contact {
  return Contact.parse({
    id: `c${String(i).padStart(3, '0')}`,
    name: `Person ${i}`,
    emails: i % 3 === 0 ? [] : i % 3 === 1 ? [`p${i}@example.org`] : [`p${i}@example.org`, `p${i}@work.example`, `p${i}@home.example`],
    phones: i % 4 === 0 ? ['+15550100', '+15550101'] : [],
    // Several tags each, and "vip" listed twice on some: a multi-entry index holds a contact once per tag.
    tags: TAGS.filter((_, t) => (i >> t) % 2 === 1).concat(i % 11 === 0 ? ['vip', 'vip'] : []),
    stage: (['lead', 'customer', 'churned'] as const)[i % 3],
    pipelineStage: i % 7 === 0 ? 'proposal' : undefined,
    ownerId: i % 5 === 1 ? 'usr_dana' : undefined,
    createdAt: 1,
    updatedAt: 1,
    // One in nine in the trash.
    ...(i % 9 === 4 ? { deletedAt: 2 } : {}),
  });
}

function valueOf(i: number): ContactValue | undefined {
  if (i % 6 === 5) return undefined;
  return { contactId: person(i).id, historical: i, predictedPurchases: 1, pAlive: 0.5, expectedSpend: 1, clv: i, rfm: { r: 0, f: 0, m: 0 }, tier: VALUE_TIERS[i % VALUE_TIERS.length]!, explanation: '', computedAt: 1 };
}

function activityOf(i: number): ActivityFacts | undefined {
  if (i % 8 === 7) return undefined;
  // Last contacts spread over 150 days, some an hour apart, so a moving window drops a few at a time.
  const last = NOW - (i % 150) * DAY + (i % 2) * 3_600_000;
  return { contactId: person(i).id, lastContactedAt: last, recentTouches: [], openDealValue: (i % 4) * 5_000, wonValue: (i % 3) * 1_000, mixedCurrencies: false, updatedAt: NOW };
}

beforeEach(async () => {
  db = openCrmDatabase(`segment-keys-${++dbCount}`);
  await db.open();
  const all = Array.from({ length: PEOPLE }, (_, i) => i);
  await db.contacts.bulkPut(all.map(person));
  await db.values.bulkPut(all.flatMap((i) => valueOf(i) ?? []));
  await db.activity.bulkPut(all.flatMap((i) => activityOf(i) ?? []));
});
afterEach(async () => {
  await db.delete();
});

const rule = (...conditions: unknown[]): SegmentRule => conditions.map((condition) => SegmentCondition.parse(condition));

/** Every live contact checked against the rule, rows read as they are now. */
async function fullCount(segment: SegmentRule, now: number): Promise<number> {
  const [contacts, values, activity] = await Promise.all([db.contacts.toArray(), db.values.toArray(), db.activity.toArray()]);
  const valueBy = new Map(values.map((row) => [row.contactId, row]));
  const activityBy = new Map(activity.map((row) => [row.contactId, row]));
  return contacts.filter((contact) => !contact.deletedAt && matchesRule(segment, { contact, value: valueBy.get(contact.id), activity: activityBy.get(contact.id) }, now)).length;
}

const KEY_RULES: SegmentRule[] = [
  rule({ field: 'tag', op: 'has', value: 'vip' }),
  rule({ field: 'tag', op: 'has', value: 'vip' }, { field: 'tag', op: 'has', value: 'berlin' }),
  rule({ field: 'stage', op: 'is', value: 'customer' }),
  rule({ field: 'owner', op: 'is', value: 'usr_dana' }, { field: 'pipelineStage', op: 'is', value: 'proposal' }),
  rule({ field: 'tier', op: 'is', value: VALUE_TIERS[0] }),
  rule({ field: 'lastContacted', op: 'within', days: 7 }),
  rule({ field: 'tag', op: 'has', value: 'vip' }, { field: 'lastContacted', op: 'within', days: 30 }),
  rule({ field: 'lastContactedDay', op: 'before', day: '2026-05-01' }, { field: 'stage', op: 'is', value: 'lead' }),
  rule({ field: 'openDealValue', op: 'at-least', amount: 10_000 }, { field: 'wonValue', op: 'at-least', amount: 1 }),
  rule({ field: 'email', op: 'has' }),
  rule({ field: 'phone', op: 'has' }, { field: 'tier', op: 'is', value: VALUE_TIERS[1] }),
];

async function expectCountsExact(now: number, label: string): Promise<void> {
  for (const segment of KEY_RULES) {
    const counted = await countSegment(db, segment, now);
    expect(counted.keysOnly, `${label}: ${JSON.stringify(segment)}`).toBe(true);
    expect(counted.count, `${label}: ${JSON.stringify(segment)}`).toBe(await fullCount(segment, now));
  }
}

describe('countSegment from kept index keys', () => {
  it('counts every contact once, trashed ones left out, first and again', async () => {
    for (const segment of KEY_RULES) expect(keyOnlyReads(segment, NOW), JSON.stringify(segment)).not.toBeNull();
    expect(await fullCount(KEY_RULES[0]!, NOW)).toBeGreaterThan(50);
    await expectCountsExact(NOW, 'first');
    await expectCountsExact(NOW, 'again');
  });

  it('follows writes to contacts, values and activity, one row or many', async () => {
    await expectCountsExact(NOW, 'before');
    await db.contacts.update('c003', { tags: ['vip', 'berlin'] }); // gains both tags
    await db.contacts.update('c001', { tags: [] }); // loses vip
    await expectCountsExact(NOW, 'tags changed');
    await db.contacts.update('c005', { deletedAt: 3 }); // to the trash
    await db.contacts.where('id').equals('c013').modify((contact) => void delete contact.deletedAt); // back from it
    await expectCountsExact(NOW, 'trash');
    await eraseContact(db, 'c006'); // erased for good, with its values and activity
    await db.contacts.update('c009', { stage: 'customer', ownerId: 'usr_dana', pipelineStage: 'proposal', emails: [], phones: ['+15550199'] });
    await expectCountsExact(NOW, 'fields');
    await db.values.update('c002', { tier: VALUE_TIERS[0]! });
    await db.values.delete('c000');
    await expectCountsExact(NOW, 'values');
    await db.activity.update('c011', { lastContactedAt: NOW - DAY, openDealValue: 50_000, wonValue: 10 });
    await db.activity.delete('c002');
    await expectCountsExact(NOW, 'activity');
    // A bulk write (Dexie reports it as the whole table changed).
    const many = (await db.contacts.toArray()).slice(0, 120).map((contact) => ({ ...contact, tags: ['vip'] }));
    await db.contacts.bulkPut(many);
    await expectCountsExact(NOW, 'bulk');
    await db.activity.clear();
    await expectCountsExact(NOW, 'cleared');
  });

  it('moves a window that ends now with the clock, later and back', async () => {
    await expectCountsExact(NOW, 'now');
    for (const later of [NOW + 3_600_000, NOW + 2 * DAY + 1, NOW + 9 * DAY, NOW + 40 * DAY, NOW + DAY]) {
      await expectCountsExact(later, `at +${(later - NOW) / 3_600_000} h`);
    }
    await db.activity.update('c010', { lastContactedAt: NOW + 5 * DAY });
    await expectCountsExact(NOW + 6 * DAY, 'after a write');
  });

  /** A vip contact put straight through IndexedDB: Dexie fires no storagemutated event, so only a read of the index sees it. */
  async function putUnheard(id: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const transaction = db.backendDB().transaction('contacts', 'readwrite');
      transaction.objectStore('contacts').put({ ...person(0), id, tags: ['vip'] });
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
  }

  it('patches kept keys with the rows a small write names, and reads the index again after a write that names none', async () => {
    const vip = rule({ field: 'tag', op: 'has', value: 'vip' });
    const before = (await countSegment(db, vip, NOW)).count;
    await putUnheard('c999');
    expect((await countSegment(db, vip, NOW)).count).toBe(before);
    // One contact gains the tag, one member is erased: each write names its row, only those rows
    // are read, so the kept keys stay (the unheard contact is still not seen) and both count.
    const outsider = (await db.contacts.toArray()).find((contact) => !contact.deletedAt && !contact.tags.includes('vip'))!;
    const member = (await db.contacts.toArray()).find((contact) => !contact.deletedAt && contact.tags.includes('vip') && contact.id !== 'c999')!;
    await db.contacts.update(outsider.id, { tags: [...outsider.tags, 'vip'] });
    await eraseContact(db, member.id);
    // Two counts at once: the second waits for the first one's patch rather than reading the ids before it.
    const [one, two] = await Promise.all([countSegment(db, vip, NOW), countSegment(db, vip, NOW)]);
    expect([one.count, two.count]).toEqual([before, before]);
    // A write of 50 rows or more names none (Dexie reports a range): the index is read again, unheard contact included.
    await db.contacts.bulkPut((await db.contacts.toArray()).filter((contact) => contact.id !== 'c999').slice(0, 60));
    expect((await countSegment(db, vip, NOW)).count).toBe(before + 1);
    expect(before + 1).toBe(await fullCount(vip, NOW));
  });

  it('reads the index again once more rows are marked than a read is worth patching', async () => {
    // 600 contacts, so more distinct rows can be written than are worth patching.
    await db.contacts.bulkPut(Array.from({ length: PEOPLE }, (_, i) => ({ ...person(i), id: `d${i}` })));
    const vip = rule({ field: 'tag', op: 'has', value: 'vip' });
    const before = (await countSegment(db, vip, NOW)).count;
    await putUnheard('c999');
    const unchanged = (await db.contacts.toArray()).filter((contact) => contact.id !== 'c999');
    // Eleven writes of 49 rows each, each naming its rows: 539 marked, past the 500 worth patching.
    for (let batch = 0; batch < 11; batch += 1) await db.contacts.bulkPut(unchanged.slice(batch * 49, batch * 49 + 49).map((contact) => ({ ...contact, name: `${contact.name}.` })));
    expect((await countSegment(db, vip, NOW)).count).toBe(before + 1);
  });

  it("re-counts live when a write of this page is announced before it commits (Dexie's optimistic update)", async () => {
    const vip = rule({ field: 'tag', op: 'has', value: 'vip' }, { field: 'lastContacted', op: 'within', days: 30 });
    const counts: number[] = [];
    const subscription = liveQuery(() => countSegment(db, vip, NOW)).subscribe((counted) => counts.push(counted.count));
    try {
      await vi.waitFor(() => expect(counts.length, 'the live count never ran').toBeGreaterThan(0), { timeout: 5_000 });
      const first = counts[0]!;
      const contacts = await db.contacts.toArray();
      const activity = new Map((await db.activity.toArray()).map((row) => [row.contactId, row]));
      const joining = contacts.find((contact) => !contact.deletedAt && contact.tags.includes('vip') && !matchesRule(vip, { contact, activity: activity.get(contact.id) }, NOW) && activity.has(contact.id))!;
      // A transaction ahead of the write holds the activity store for ~100 ms, so the write is
      // issued (and Dexie's cache re-runs the count a zero timeout later) well before it commits.
      const busyUntil = Date.now() + 100;
      const blocker = db.transaction('rw', db.activity, async () => {
        while (Date.now() < busyUntil) await db.activity.get(joining.id);
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      // A put, not an update: an update reads its row first, so it would be issued only after the blocker.
      const write = db.activity.put({ ...activity.get(joining.id)!, lastContactedAt: NOW - DAY });
      await Promise.all([blocker, write]);
      await vi.waitFor(() => expect(counts.at(-1), `counts heard: ${JSON.stringify(counts)}`).toBe(first + 1), { timeout: 3_000 });
      expect(first + 1).toBe(await fullCount(vip, NOW));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('re-counts live after a one-contact write while the keys are kept', async () => {
    const vip = rule({ field: 'tag', op: 'has', value: 'vip' }, { field: 'lastContacted', op: 'within', days: 30 });
    const counts: number[] = [];
    let heard: (() => void) | undefined;
    const subscription = liveQuery(() => countSegment(db, vip, NOW)).subscribe((counted) => {
      counts.push(counted.count);
      heard?.();
    });
    // Waits until the live count says `expected`, listening from before the write that causes it:
    // Dexie may emit before the write's own await returns, and may re-emit an unchanged count for a
    // write it reports late (the set-up's bulk puts), so "the next emission" can be a stale one.
    // Each expected count differs from the one before it, so only a re-run can produce it; a count
    // that never re-runs, or re-runs wrong, fails here with every count heard, not at the timeout.
    const reaches = (expected: number) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the live count never said ${expected}; it said ${JSON.stringify(counts)}`)), 5_000);
        heard = () => {
          if (counts.at(-1) !== expected) return;
          clearTimeout(timer);
          resolve(expected);
        };
        heard();
      });
    try {
      await vi.waitFor(() => expect(counts.length, 'the live count never ran').toBeGreaterThan(0), { timeout: 5_000 });
      const first = counts[0]!;
      expect(first).toBe(await fullCount(vip, NOW));
      const contacts = await db.contacts.toArray();
      const activity = new Map((await db.activity.toArray()).map((row) => [row.contactId, row]));
      const member = (contact: Contact) => !contact.deletedAt && matchesRule(vip, { contact, activity: activity.get(contact.id) }, NOW);
      // A live vip contacted long ago is contacted now: only activity changed, the tag keys stay kept.
      const joining = contacts.find((contact) => !contact.deletedAt && contact.tags.includes('vip') && !member(contact) && activity.has(contact.id))!;
      let heardNow = reaches(first + 1);
      await db.activity.update(joining.id, { lastContactedAt: NOW - DAY });
      expect(await heardNow).toBe(first + 1);
      // Then a member loses the tag in a one-row put: the count re-runs though its tag keys came from the kept ones.
      const leaving = contacts.find(member)!;
      heardNow = reaches(first);
      await db.contacts.put({ ...leaving, tags: leaving.tags.filter((tag) => tag !== 'vip') });
      expect(await heardNow).toBe(first);
      expect(first).toBe(await fullCount(vip, NOW));
    } finally {
      subscription.unsubscribe();
    }
  });
});
