/**
 * Keep-in-touch cadences read from IndexedDB (lib/db/queries/cadences.ts): a segment's cadence
 * reaches its members, a contact's own through the version-9 index, a tier default only once
 * turned on; the shortest wins; a logged call restarts the clock; a snooze hides; while syncing,
 * only the member's own and unassigned contacts count.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE_SETTINGS, startOfDayAfter, type CadenceSettings } from '@/lib/cadences';
import { addInteraction, createSegment, openCrmDatabase, setContactCadence, setSegmentCadence, type CrmDatabase } from '@/lib/db';
import { dueCadences } from '@/lib/db/queries/cadences';
import { Contact, type ContactValue, type ValueTier } from '@/lib/model';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12);
const ADDED = NOW - 200 * DAY;

let db: CrmDatabase;
let dbCount = 0;

function person(id: string, extra: Partial<Contact> = {}): Contact {
  return Contact.parse({ id, name: id, tags: [], createdAt: ADDED, updatedAt: ADDED, ...extra });
}
function value(contactId: string, tier: ValueTier): ContactValue {
  return { contactId, historical: 1, predictedPurchases: 1, pAlive: 0.9, expectedSpend: 1, clv: 1, rfm: { r: 0, f: 0, m: 0 }, tier, explanation: '', computedAt: 1 };
}
const withTier = (tier: keyof CadenceSettings, on: boolean): CadenceSettings => ({ ...DEFAULT_CADENCE_SETTINGS, [tier]: { ...DEFAULT_CADENCE_SETTINGS[tier], on } });

beforeEach(async () => {
  db = openCrmDatabase(`cadences-${++dbCount}`);
  await db.open();
  await db.contacts.bulkPut([
    person('ada', { tags: ['vip'] }),
    person('bob', { tags: ['vip'] }),
    person('cy'),
    person('gone', { tags: ['vip'], deletedAt: NOW - DAY }),
  ]);
  await db.values.bulkPut([value('ada', 'strategic'), value('bob', 'growth'), value('cy', 'strategic')]);
  // Ada called 41 days ago, Bob 10 days ago; Cy never.
  await addInteraction(db, { contactId: 'ada', kind: 'call', at: NOW - 41 * DAY }, NOW - 41 * DAY);
  await addInteraction(db, { contactId: 'bob', kind: 'call', at: NOW - 10 * DAY }, NOW - 10 * DAY);
});
afterEach(async () => {
  await db.delete();
});

describe('dueCadences', () => {
  it('plans nobody while no cadence is set and tier defaults are off (the default)', async () => {
    const reading = await dueCadences(db, DEFAULT_CADENCE_SETTINGS, {}, NOW);
    expect(reading).toEqual({ due: [], planned: 0 });
  });

  it('turns a tier default on: strategic customers untouched for 30 days are due, with the explanation', async () => {
    const reading = await dueCadences(db, withTier('strategic', true), {}, NOW);
    expect(reading.due.map((due) => due.contactId)).toEqual(['cy', 'ada']);
    expect(reading.due.find((due) => due.contactId === 'ada')!.explanation).toMatch(
      /^Strategic customers: every 30 days — last touch 41 days ago$/,
    );
    expect(reading.due.find((due) => due.contactId === 'cy')!.explanation).toMatch(/no touch since added 200 days ago$/);
  });

  it('gives a segment’s cadence to its live members; the shortest of segment and tier wins and says which', async () => {
    const vips = await createSegment(db, 'VIPs', [{ field: 'tag', op: 'has', value: 'vip' }], NOW);
    await setSegmentCadence(db, vips.id, 7, NOW);
    const reading = await dueCadences(db, withTier('strategic', true), {}, NOW);
    const byId = new Map(reading.due.map((entry) => [entry.contactId, entry]));
    expect([...byId.keys()].sort()).toEqual(['ada', 'bob', 'cy']);
    expect(byId.get('ada')!.explanation).toMatch(/^VIPs: every 7 days — last touch 41 days ago$/);
    expect(byId.get('ada')!.others.map((cadence) => cadence.days)).toEqual([30]);
    expect(byId.get('bob')!.explanation).toMatch(/^VIPs: every 7 days — last touch 10 days ago$/);
    expect(byId.get('cy')!.cadence.source).toEqual({ kind: 'tier', tier: 'strategic' });
    // The segment's cadence synced as a field of the segment.
    expect((await db.segments.get(vips.id))!.cadenceDays).toBe(7);
  });

  it('reads a contact’s own cadence through its index, and turning it off drops them', async () => {
    await setContactCadence(db, 'bob', 5, NOW);
    expect(await db.contacts.where('cadenceDays').equals(5).primaryKeys()).toEqual(['bob']);
    const reading = await dueCadences(db, DEFAULT_CADENCE_SETTINGS, {}, NOW);
    expect(reading.due.map((due) => due.explanation)).toEqual(['Their own cadence: every 5 days — last touch 10 days ago']);
    await setContactCadence(db, 'bob', undefined, NOW);
    expect((await db.contacts.get('bob'))!.cadenceDays).toBeUndefined();
    expect((await dueCadences(db, DEFAULT_CADENCE_SETTINGS, {}, NOW)).due).toEqual([]);
    await expect(setContactCadence(db, 'bob', 0, NOW)).rejects.toThrow();
    await expect(setContactCadence(db, 'gone', 30, NOW)).rejects.toThrow('No contact');
  });

  it('restarts the clock when a call or a note is logged', async () => {
    const settings = withTier('strategic', true);
    await addInteraction(db, { contactId: 'ada', kind: 'call', at: NOW - DAY }, NOW);
    await addInteraction(db, { contactId: 'cy', kind: 'note', at: NOW - 2 * DAY, body: 'Wrote to Cy' }, NOW);
    const reading = await dueCadences(db, settings, {}, NOW);
    expect(reading.due).toEqual([]);
    // Next due: Cy, 30 calendar days after the note's day.
    expect(reading.nextAt).toBe(startOfDayAfter(NOW - 2 * DAY, 30));
  });

  it('hides a snoozed contact until the snooze ends', async () => {
    const settings = withTier('strategic', true);
    const reading = await dueCadences(db, settings, { ada: NOW + DAY }, NOW);
    expect(reading.due.map((due) => due.contactId)).toEqual(['cy']);
    expect(reading.nextAt).toBe(NOW + DAY);
    expect((await dueCadences(db, settings, { ada: NOW + DAY }, NOW + DAY)).due.map((due) => due.contactId)).toEqual(['cy', 'ada']);
  });

  it('while syncing, counts only the member’s own and unassigned contacts', async () => {
    await db.contacts.update('cy', { ownerId: 'usr_other' });
    await db.meta.put({ key: 'sync:membership', value: { user: 'usr_me', workspace: 'ws', role: 'member' } });
    const reading = await dueCadences(db, withTier('strategic', true), {}, NOW);
    expect(reading.due.map((due) => due.contactId)).toEqual(['ada']);
  });
});
