import { Contact, type ContactValue, type Deal } from '@/lib/model';
import { ValuesState, VALUES_STATE_KEY, type CrmDatabase } from '@/lib/db';
import { sampleBeta, sampleGamma, seededUniform } from '@/lib/value/random';

export const DAY_MS = 86_400_000;

export function contactRow(id: string, overrides: Partial<Contact> = {}): Contact {
  return Contact.parse({ id, name: `Contact ${id}`, createdAt: 1, updatedAt: 1, ...overrides });
}

export async function addContacts(db: CrmDatabase, ids: readonly string[]): Promise<void> {
  await db.contacts.bulkPut(ids.map((id) => contactRow(id)));
}

/**
 * A recompute's state row as lib/db/values.ts stores it: an unfitted model over nobody, with
 * `overrides` for what a test is about.
 */
export function valuesState(overrides: Partial<ValuesState> = {}): ValuesState {
  return {
    stamp: { wonDealsRevision: 0, settingsKey: 'k', day: '2026-12-06', contacts: 0 },
    fitted: false,
    computedAt: 1,
    horizonWeeks: 52,
    strategicShare: 0.8,
    atRiskMaxPAlive: 0.5,
    discountRate: 0,
    purchasers: 0,
    contacts: 0,
    currencies: {},
    timings: { readMs: 1, computeMs: 1, writeMs: 1 },
    written: 0,
    removed: 0,
    ...overrides,
  };
}

/** Records a recompute's state whose home currency is `homeCurrency`, as the background would. */
export async function recordHomeCurrency(db: CrmDatabase, homeCurrency: string): Promise<void> {
  await db.meta.put({ key: VALUES_STATE_KEY, value: ValuesState.parse(valuesState({ homeCurrency })) });
}

/**
 * Won deals for `customers` contacts over the 300 days before `now`, drawn from the BG/NBD story
 * (Gamma purchase rates, Beta drop-out) with Gamma spend: enough repeat buyers for a fit.
 */
export function syntheticDeals(customers: number, now: number, seed = 7): Deal[] {
  const uniform = seededUniform(seed);
  const deals: Deal[] = [];
  const start = now - 300 * DAY_MS;
  for (let c = 0; c < customers; c += 1) {
    const rate = sampleGamma(uniform, 1.2, 3);
    const drop = sampleBeta(uniform, 1, 4);
    const spend = sampleGamma(uniform, 4, 0.05);
    let day = Math.floor(uniform() * 100);
    for (;;) {
      deals.push({
        id: `d${c}-${day}`,
        contactId: `c${c}`,
        title: 'Order',
        amount: Math.round(sampleGamma(uniform, 5, 1 / spend) * 100),
        currency: 'USD',
        status: 'won',
        at: start + day * DAY_MS + 12 * 3_600_000,
      });
      day += Math.max(1, Math.ceil((-Math.log(uniform()) / rate) * 7));
      if (day >= 300 || uniform() < drop) break;
    }
  }
  return deals;
}

/** A values row as the background writes it (not fitted unless overridden). */
export const valueRow = (contactId: string, historical: number, tier: ContactValue['tier'], overrides: Partial<ContactValue> = {}): ContactValue => ({
  contactId,
  historical,
  predictedPurchases: null,
  pAlive: null,
  expectedSpend: null,
  clv: null,
  rfm: { r: 0, f: 0, m: 0 },
  tier,
  explanation: `${tier} because`,
  computedAt: 1,
  ...overrides,
});
