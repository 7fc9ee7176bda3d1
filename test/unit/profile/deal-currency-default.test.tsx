// @vitest-environment happy-dom
/**
 * A new deal starts in the contact's own currency, else in the home currency tiers add up in
 * (the last recompute's, Options → Value model), never in a fixed USD.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { DealsSection } from '@/components/deal/DealsSection';
import { addDeal, crmDatabase } from '@/lib/db';
import { addContacts, recordHomeCurrency } from '../value-runtime/fixtures';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

async function currencyField(): Promise<HTMLInputElement> {
  for (let tries = 0; tries < 100; tries += 1) {
    const field = [...host.querySelectorAll('label')].find((label) => label.textContent?.startsWith('Currency'))?.control as HTMLInputElement | null | undefined;
    if (field) return field;
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  throw new Error(`no Currency field: ${host.textContent}`);
}

describe('the Add deal form’s currency', () => {
  it('is the home currency for a contact without deals, and the contact’s own otherwise', async () => {
    const db = crmDatabase();
    await addContacts(db, ['eve', 'jp']);
    // What the last recompute recorded: the user's home currency.
    await recordHomeCurrency(db, 'EUR');
    render(<DealsSection contactId="eve" />);
    expect((await currencyField()).value).toBe('EUR');

    await addDeal(db, { contactId: 'jp', title: 'Order', amount: 5_000, currency: 'JPY', status: 'won', at: Date.now() - 86_400_000 });
    render(<DealsSection key="jp" contactId="jp" />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect((await currencyField()).value).toBe('JPY');
  });
});
