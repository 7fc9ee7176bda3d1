import { describe, expect, it } from 'vitest';
import {
  leftOutCount,
  mainCurrency,
  rateToHome,
  resolveHomeCurrency,
  sumInHome,
  toHomeAmount,
  totalsByCurrency,
} from '../../../lib/value/currency';

// Rates that are exact in binary (powers of two) keep the sums exact, so the checks test the rule.
const conversion = { home: 'USD', rates: { EUR: 1.125, JPY: 1 / 128, BAD: -1, NAN: Number.NaN } };

describe('conversion to the home currency', () => {
  it('is 1 for the home currency and the typed rate for another', () => {
    expect(rateToHome('USD', conversion)).toBe(1);
    expect(rateToHome('EUR', conversion)).toBe(1.125);
  });

  it('has no rate for an unknown currency, nor for a rate that is not a positive number', () => {
    for (const code of ['GBP', 'BAD', 'NAN']) expect(rateToHome(code, conversion)).toBeUndefined();
  });

  it('converts minor units of the deal currency to major units of the home currency', () => {
    expect(toHomeAmount(10_000, 'EUR', conversion)).toBe(112.5); // €100.00
    expect(toHomeAmount(1_280, 'JPY', conversion)).toBe(10); // ¥1,280: yen have no minor unit
    expect(toHomeAmount(1_999, 'USD', conversion)).toBe(19.99);
    expect(toHomeAmount(10_000, 'GBP', conversion)).toBeNull();
  });
});

describe('totals in the home currency', () => {
  it('add converted amounts and leave out, counted per currency, those without a rate', () => {
    const total = sumInHome(
      [
        { amount: 10_000, currency: 'USD' },
        { amount: 10_000, currency: 'EUR' },
        { amount: 5_000, currency: 'GBP' },
        { amount: 7_000, currency: 'GBP' },
        { amount: 300, currency: 'CHF' },
      ],
      conversion,
    );
    // Never 1:1: £50 + £70 + CHF 3 would have made the total $432.50.
    expect(total).toEqual({ total: 212.5, counted: 2, leftOut: { GBP: 2, CHF: 1 } });
    expect(leftOutCount(total.leftOut)).toBe(3);
    expect(leftOutCount(undefined)).toBe(0);
  });
});

describe('the home currency in use', () => {
  it('is the chosen one, else the one most won deals are in, else USD', () => {
    expect(resolveHomeCurrency('CHF', { EUR: 9 })).toBe('CHF');
    expect(resolveHomeCurrency(undefined, { EUR: 9, USD: 2 })).toBe('EUR');
    expect(resolveHomeCurrency(undefined, {})).toBe('USD');
    expect(mainCurrency({ USD: 2, EUR: 2 })).toBe('EUR');
  });
});

describe('totals in their own currencies', () => {
  it('sum each currency apart, most used first', () => {
    expect(
      totalsByCurrency([
        { amount: 100, currency: 'USD' },
        { amount: 500, currency: 'EUR' },
        { amount: 700, currency: 'EUR' },
      ]),
    ).toEqual([
      { currency: 'EUR', amount: 1_200 },
      { currency: 'USD', amount: 100 },
    ]);
    expect(totalsByCurrency([])).toEqual([]);
  });
});
