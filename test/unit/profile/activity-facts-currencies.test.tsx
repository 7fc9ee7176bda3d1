// @vitest-environment happy-dom
/**
 * The profile's Activity facts show each contact's deal totals in the deals' own currencies:
 * €1,200 and $300 are "€1,200.00 + $300.00", never "$1,500.00".
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ActivityFacts } from '@/components/profile/ActivityFacts';
import { addDeal, crmDatabase } from '@/lib/db';
import { addContacts } from '../value-runtime/fixtures';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(check(), host.textContent ?? '').toBe(true);
}

const money = (major: number, currency: string) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(major);

/** The text of the <dd> after the <dt> named `term`. */
function fact(term: string): string {
  const dt = [...host.querySelectorAll('dt')].find((element) => element.textContent === term);
  return dt?.nextElementSibling?.textContent ?? '';
}

describe('the profile’s deal totals', () => {
  it('show deals in several currencies each in its own currency, not added together', async () => {
    const db = crmDatabase();
    await addContacts(db, ['mixed']);
    const deal = { contactId: 'mixed', title: 'Order', at: Date.now() - 86_400_000 };
    await addDeal(db, { ...deal, amount: 70_000, currency: 'EUR', status: 'won' });
    await addDeal(db, { ...deal, amount: 50_000, currency: 'EUR', status: 'won' });
    await addDeal(db, { ...deal, amount: 30_000, currency: 'USD', status: 'won' });
    await addDeal(db, { ...deal, amount: 5_000, currency: 'JPY', status: 'open' });
    render(<ActivityFacts contactId="mixed" />);
    await until(() => fact('Lifetime won') !== '');
    expect(fact('Lifetime won')).toBe(`${money(1200, 'EUR')} + ${money(300, 'USD')}`);
    expect(fact('Open deals')).toBe(money(5000, 'JPY'));
    expect(host.textContent).not.toContain('added as if');
  });

  it('show a single currency as before', async () => {
    const db = crmDatabase();
    await addContacts(db, ['single']);
    await addDeal(db, { contactId: 'single', title: 'Order', at: Date.now() - 86_400_000, amount: 12_345, currency: 'GBP', status: 'won' });
    render(<ActivityFacts contactId="single" />);
    await until(() => fact('Lifetime won') !== '');
    expect(fact('Lifetime won')).toBe(money(123.45, 'GBP'));
  });
});
