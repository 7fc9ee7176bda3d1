// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { TierBadge } from '@/components/tier/TierBadge';
import { crmDatabase, type ValuesState } from '@/lib/db';
import { VALUES_STATE_KEY } from '@/lib/db/values';
import { computeValues, type Purchase } from '@/lib/value';
import { MIN_REPEAT_CUSTOMERS } from '@/lib/value/model';
import { reactHost } from '../ui/react-host';
import { valuesState } from '../value-runtime/fixtures';

const { host, render } = reactHost();

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  expect(check(), host.textContent ?? '').toBe(true);
}

const BOUNDARY = 'BG/NBD alpha = 3.21e+8 is at a boundary: the data cannot pin it down';

function state(reason: string | undefined): ValuesState {
  const stamp = { wonDealsRevision: 0, settingsKey: 'k', day: '2026-12-06', contacts: 1 };
  return valuesState({ stamp, ...(reason ? { reason } : {}), purchasers: 40, contacts: 40, currencies: { USD: 100 }, written: 1 });
}

async function storeUnfitted(contactId: string, reason: string | undefined): Promise<void> {
  const db = crmDatabase();
  await db.meta.put({ key: VALUES_STATE_KEY, value: state(reason) });
  await db.values.put({
    contactId,
    historical: 1240,
    predictedPurchases: null,
    pAlive: null,
    expectedSpend: null,
    clv: null,
    rfm: { r: 20, f: 3, m: 150 },
    tier: 'core',
    explanation: 'spent $1,240; no prediction yet',
    computedAt: 1,
  });
}

describe('TierBadge when the value model is not fitted', () => {
  it('says it in plain words, says what would make it work, and keeps the diagnostic behind Details', async () => {
    await storeUnfitted('c1', BOUNDARY);
    render(<TierBadge contactId="c1" />);
    await until(() => host.querySelector('.tier-note') !== null);

    const section = host.querySelector('section')!;
    const details = section.querySelector('details')!;
    const visible = section.textContent!.replace(details.textContent!, '');
    expect(visible).toContain('Not enough repeat purchases yet to predict future value — ranked by what they bought and how recently.');
    expect(visible).toContain(`about ${MIN_REPEAT_CUSTOMERS} customers with two or more purchases`);
    // No statistics outside the disclosure.
    expect(visible).not.toMatch(/BG\/NBD|Gamma|alpha|boundary|fitted|P\(alive\)/i);

    // A native disclosure: closed by default, its summary named Details, the diagnostic inside.
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Details');
    expect(details.textContent).toContain(`${BOUNDARY[0]}${BOUNDARY.slice(1)}.`);
  });

  it('shows no Details when the recompute gave no reason', async () => {
    await storeUnfitted('c2', undefined);
    render(<TierBadge contactId="c2" />);
    await until(() => host.querySelector('.tier-note') !== null);
    expect(host.querySelector('details')).toBeNull();
    expect(host.textContent).toContain('Not enough repeat purchases yet');
  });
});

describe('the number quoted is the model’s own requirement', () => {
  // Customer i buys on day 0 and, for the first `repeaters`, again on day 30.
  const purchases = (repeaters: number): Purchase[] =>
    Array.from({ length: 60 }, (_, i) => [
      { customerId: `c${i}`, date: '2026-01-01', amount: 10 },
      ...(i < repeaters ? [{ customerId: `c${i}`, date: '2026-01-31', amount: 10 }] : []),
    ]).flat();

  it(`does not fit with ${MIN_REPEAT_CUSTOMERS - 1} repeat customers and tries with ${MIN_REPEAT_CUSTOMERS}`, () => {
    const options = { calibrationEnd: '2026-12-01', horizonWeeks: 52 };
    expect(computeValues(purchases(MIN_REPEAT_CUSTOMERS - 1), options).reason).toMatch(/with a repeat purchase; the model needs at least/);
    expect(computeValues(purchases(MIN_REPEAT_CUSTOMERS), options).reason ?? '').not.toMatch(/the model needs at least/);
  });
});

describe('TierBadge amounts', () => {
  it('are in the home currency of the recompute, not the currency most deals are in', async () => {
    const db = crmDatabase();
    // Most won deals are in USD, but the user chose EUR: the values are euros and must read so.
    await db.meta.put({
      key: VALUES_STATE_KEY,
      value: { ...state(undefined), fitted: true, currencies: { USD: 5, EUR: 1 }, homeCurrency: 'EUR', rates: { USD: 0.9 } },
    });
    await db.values.put({
      contactId: 'c3',
      historical: 1240,
      predictedPurchases: 2,
      pAlive: 0.8,
      expectedSpend: 1250,
      clv: 2500,
      rfm: { r: 20, f: 3, m: 150 },
      tier: 'strategic',
      explanation: 'top 1 of 6 customers (17%) hold 40% of value; worth €3,740 (spent + predicted)',
      computedAt: 1,
    });
    render(<TierBadge contactId="c3" />);
    await until(() => host.querySelector('.tier-facts') !== null);
    const euros = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(2500);
    expect(host.querySelector('.tier-facts')!.textContent).toContain(`worth ${euros} in the next 52 weeks`);
    expect(host.textContent).not.toContain('$');
  });
});
