/**
 * What the keep-in-touch benchmark loads into a page: seeding of 100,000 contacts as lib/db keeps
 * them (values with tiers, activity with each one's last touch, some tagged, a few with their own
 * cadence) and a saved segment with a cadence, then the product's planning read (dueCadences).
 */
import Dexie from 'dexie';
import { DEFAULT_CADENCE_SETTINGS, type CadenceSettings } from '../../lib/cadences';
import { withIndexKeys } from '../../lib/db/contact-keys';
import { openCrmDatabase } from '../../lib/db/database';
import { markApplyingPulled } from '../../lib/db/outbox';
import { dueCadences } from '../../lib/db/queries/cadences';
import type { ActivityFacts, CrmDatabase } from '../../lib/db/types';
import { Contact, Segment, type ContactValue, type ValueTier } from '../../lib/model';

export { dueCadences, openCrmDatabase };

const DAY_MS = 86_400_000;
const TIERS: ValueTier[] = ['strategic', 'growth', 'growth', 'core', 'core', 'core', 'at-risk', 'prospect', 'prospect', 'prospect'];

/** Every tier default turned on: the most contacts a tier cadence can plan. */
export const ALL_TIERS_ON: CadenceSettings = {
  strategic: { ...DEFAULT_CADENCE_SETTINGS.strategic, on: true },
  growth: { ...DEFAULT_CADENCE_SETTINGS.growth, on: true },
  core: { ...DEFAULT_CADENCE_SETTINGS.core, on: true },
};

/** `count` contacts written as if pulled (no outbox): 1 in 10 tagged "vip", 1 in 100 with a cadence of their own, last touches over 200 days. */
export async function seedCadences(db: CrmDatabase, count: number, now: number): Promise<void> {
  const chunk = 10_000;
  for (let start = 0; start < count; start += chunk) {
    const contacts: Contact[] = [];
    const values: ContactValue[] = [];
    const activity: ActivityFacts[] = [];
    for (let i = start; i < Math.min(start + chunk, count); i += 1) {
      const id = `c${String(i).padStart(6, '0')}`;
      contacts.push(
        withIndexKeys(
          Contact.parse({
            id, name: `Person ${i}`, tags: i % 10 === 0 ? ['vip'] : [], createdAt: now - 400 * DAY_MS, updatedAt: now,
            ...(i % 100 === 7 ? { cadenceDays: 14 } : {}),
          }),
        ),
      );
      values.push({ contactId: id, historical: 1, predictedPurchases: 1, pAlive: 0.5, expectedSpend: 1, clv: 1, rfm: { r: 0, f: 0, m: 0 }, tier: TIERS[i % TIERS.length]!, explanation: '', computedAt: now });
      const touched = now - ((i * 7919) % 200) * DAY_MS;
      activity.push({ contactId: id, lastContactedAt: touched, lastTouchedAt: touched, recentTouches: [], openDealValue: 0, wonValue: 0, mixedCurrencies: false, updatedAt: now });
    }
    await db.transaction('rw', db.contacts, db.values, db.activity, async () => {
      markApplyingPulled(Dexie.currentTransaction!.idbtrans);
      await db.contacts.bulkPut(contacts);
      await db.values.bulkPut(values);
      await db.activity.bulkPut(activity);
    });
  }
  await db.transaction('rw', db.segments, async () => {
    markApplyingPulled(Dexie.currentTransaction!.idbtrans);
    await db.segments.put(Segment.parse({ id: 'vips', name: 'VIPs', rule: [{ field: 'tag', op: 'has', value: 'vip' }], cadenceDays: 21, createdAt: now, updatedAt: now }));
  });
}
