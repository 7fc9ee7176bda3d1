// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { currencyNote } from '@/entrypoints/analytics/currency-note';
import { ModelStatus } from '@/entrypoints/analytics/ModelStatus';
import type { ValuesState } from '@/lib/db';
import { reactHost } from '../ui/react-host';
import { valuesState } from './fixtures';

const { host, render } = reactHost();

function state(fields: Partial<ValuesState>): ValuesState {
  const stamp = { wonDealsRevision: 1, settingsKey: 'k', day: '2026-12-06', contacts: 3 };
  const reason = 'only 0 customers with a repeat purchase; the model needs at least 30';
  return valuesState({ stamp, reason, purchasers: 3, contacts: 3, currencies: { USD: 1 }, written: 3, ...fields });
}

describe('the analytics currency note', () => {
  it('says which currency amounts are in, and nothing more when every deal was counted', () => {
    expect(currencyNote(state({ currencies: { EUR: 4 }, homeCurrency: 'EUR', unconverted: {} }))).toEqual({ info: 'Amounts are in EUR.' });
    expect(currencyNote(state({ currencies: { EUR: 4, USD: 2, GBP: 1 }, homeCurrency: 'EUR', rates: { USD: 0.9, GBP: 1.2 }, unconverted: {} }))).toEqual({
      info: 'Amounts are in EUR; deals in GBP, USD are converted with your exchange rates.',
    });
  });

  it('warns, with the count, only when deals in currencies without a rate were left out', () => {
    const note = currencyNote(state({ currencies: { EUR: 4, USD: 2, JPY: 1 }, homeCurrency: 'EUR', rates: { USD: 0.9 }, unconverted: { JPY: 1 } }));
    expect(note.info).toBe('Amounts are in EUR; deals in USD are converted with your exchange rates.');
    expect(note.warning).toBe(
      '1 won deal in a currency without an exchange rate (JPY) was left out; add its rate under Value model options to count it.',
    );
    expect(currencyNote(state({ currencies: { EUR: 4, JPY: 2, GBP: 1 }, homeCurrency: 'EUR', unconverted: { JPY: 2, GBP: 1 } })).warning).toBe(
      '3 won deals in currencies without an exchange rate (GBP, JPY) were left out; add their rates under Value model options to count them.',
    );
  });

  it('reads a state from before currencies as being in its main currency', () => {
    expect(currencyNote(state({ currencies: { USD: 3, EUR: 1 } })).info).toBe('Amounts are in USD; deals in EUR are converted with your exchange rates.');
  });
});

describe('the model status on the analytics page', () => {
  it('no longer says amounts are added across currencies; it says what was left out', () => {
    render(<ModelStatus state={state({ currencies: { USD: 2, JPY: 3 }, homeCurrency: 'USD', unconverted: { JPY: 3 } })} />);
    const warning = host.querySelector('.warning');
    expect(warning?.textContent).toBe(
      '3 won deals in a currency without an exchange rate (JPY) were left out; add its rate under Value model options to count them.',
    );
    expect(host.textContent).not.toMatch(/added as if/);
  });

  it('shows no warning when every currency has a rate', () => {
    render(<ModelStatus state={state({ currencies: { USD: 2, JPY: 3 }, homeCurrency: 'USD', rates: { JPY: 0.0067 }, unconverted: {} })} />);
    expect(host.querySelector('.warning')).toBeNull();
    expect(host.textContent).toContain('Amounts are in USD; deals in JPY are converted with your exchange rates.');
  });
});
