import { afterEach, describe, expect, it } from 'vitest';
import {
  currencyDigits,
  localDay,
  localIsoDay,
  localMidnight,
  mainCurrency,
  minorUnitsToAmount,
  purchasesFromDeals,
  valueModelOptions,
  type DealLike,
} from '@/lib/value/recompute';
import { computeValues } from '@/lib/value/model';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

const deal = (overrides: Partial<DealLike>): DealLike => ({
  contactId: 'a',
  amount: 1000,
  currency: 'USD',
  status: 'won',
  at: Date.UTC(2024, 4, 1, 12),
  ...overrides,
});

describe('money in minor units', () => {
  it('knows how many decimals each currency has', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    // Well-formed but unknown codes get the common two; malformed ones too, rather than throwing.
    expect(currencyDigits('XQZ')).toBe(2);
    expect(currencyDigits('??')).toBe(2);
  });

  it('converts to major units per currency', () => {
    expect(minorUnitsToAmount(123456, 'USD')).toBe(1234.56);
    expect(minorUnitsToAmount(123456, 'JPY')).toBe(123456);
    expect(minorUnitsToAmount(123456, 'KWD')).toBe(123.456);
  });
});

describe('local calendar days', () => {
  it('takes the day where the user is, not in UTC', () => {
    process.env.TZ = 'Australia/Sydney';
    // 08:00 in Sydney on 1 May is still 30 April in UTC.
    const morning = new Date(2024, 4, 1, 8).getTime();
    expect(new Date(morning).toISOString().slice(0, 10)).toBe('2024-04-30');
    expect(localIsoDay(morning)).toBe('2024-05-01');
    process.env.TZ = 'America/Los_Angeles';
    // 20:00 in Los Angeles on 1 May is already 2 May in UTC.
    const evening = new Date(2024, 4, 1, 20).getTime();
    expect(localIsoDay(evening)).toBe('2024-05-01');
    expect(localDay(evening).toISOString()).toBe('2024-05-01T00:00:00.000Z');
  });

  it('stores a picked day as local midnight, which reads back as the same day', () => {
    for (const tz of ['UTC', 'Australia/Sydney', 'America/Los_Angeles', 'Asia/Kolkata']) {
      process.env.TZ = tz;
      for (const day of ['2024-01-01', '2024-03-10', '2024-03-31', '2024-10-06', '2024-12-31']) {
        expect(localIsoDay(localMidnight(day))).toBe(day);
      }
    }
    expect(() => localMidnight('1 May 2024')).toThrow(RangeError);
  });
});

describe('won deals → purchases', () => {
  it('keeps won deals only, in major units of the home currency, on their local day', () => {
    process.env.TZ = 'Australia/Sydney';
    const at = new Date(2024, 4, 1, 8).getTime();
    const result = purchasesFromDeals(
      [
        deal({ contactId: 'a', amount: 1999, at }),
        deal({ contactId: 'a', status: 'open', amount: 5000 }),
        deal({ contactId: 'b', status: 'lost', amount: 5000 }),
        deal({ contactId: 'c', amount: 500, currency: 'JPY', at }),
      ],
      undefined,
      // 1/128 is exact in binary: ¥500 → $3.90625 compares exactly.
      { homeCurrency: 'USD', rates: { JPY: 1 / 128 } },
    );
    expect(result.purchases).toEqual([
      { customerId: 'a', date: new Date('2024-05-01T00:00:00Z'), amount: 19.99 },
      { customerId: 'c', date: new Date('2024-05-01T00:00:00Z'), amount: 3.90625 },
    ]);
    expect(result.currencies).toEqual({ USD: 1, JPY: 1 });
    expect(result.homeCurrency).toBe('USD');
    expect(result.unconverted).toEqual({});
    expect(result.skippedNegative).toBe(0);
  });

  it('leaves out, and counts, won deals in a currency without a rate instead of adding them 1:1', () => {
    const result = purchasesFromDeals(
      [deal({ contactId: 'a', amount: 10_000 }), deal({ contactId: 'b', amount: 900_000, currency: 'JPY' }), deal({ contactId: 'c', amount: 5_000, currency: 'GBP' })],
      undefined,
      { homeCurrency: 'USD', rates: { GBP: 1.25 } },
    );
    expect(result.purchases.map((p) => [p.customerId, p.amount])).toEqual([
      ['a', 100],
      ['c', 62.5],
    ]);
    expect(result.unconverted).toEqual({ JPY: 1 });
    expect(result.currencies).toEqual({ USD: 1, JPY: 1, GBP: 1 });
  });

  it('uses the currency most won deals are in when no home currency is chosen', () => {
    const result = purchasesFromDeals([deal({ amount: 100, currency: 'EUR' }), deal({ amount: 200, currency: 'EUR' }), deal({ amount: 300 })]);
    expect(result.homeCurrency).toBe('EUR');
    expect(result.purchases.map((p) => p.amount)).toEqual([1, 2]);
    expect(result.unconverted).toEqual({ USD: 1 });
  });

  it('leaves out refunds and deals of contacts that are gone', () => {
    const result = purchasesFromDeals(
      [deal({ contactId: 'a', amount: -500 }), deal({ contactId: 'a' }), deal({ contactId: 'deleted' })],
      new Set(['a']),
    );
    expect(result.purchases.map((p) => p.customerId)).toEqual(['a']);
    expect(result.skippedNegative).toBe(1);
  });

  it('names the most used currency', () => {
    expect(mainCurrency({})).toBeUndefined();
    expect(mainCurrency({ EUR: 3, USD: 5 })).toBe('USD');
    expect(mainCurrency({ USD: 2, EUR: 2 })).toBe('EUR');
  });
});

describe('model options from settings', () => {
  it('ends calibration today (local) and carries horizon, discount and thresholds', () => {
    process.env.TZ = 'Australia/Sydney';
    const now = new Date(2024, 4, 1, 8).getTime();
    const settings = { strategicShare: 0.7, atRiskMaxPAlive: 0.3, horizonWeeks: 26, discountRate: 0.1 };
    expect(valueModelOptions(settings, now, ['a'])).toEqual({
      calibrationEnd: '2024-05-01',
      horizonWeeks: 26,
      discountRate: 0.1,
      tierOptions: { strategicShare: 0.7, atRiskMaxPAlive: 0.3 },
      contactIds: ['a'],
    });
  });

  it('counts a deal closed this morning as bought today', () => {
    process.env.TZ = 'Australia/Sydney';
    const now = new Date(2024, 4, 1, 9).getTime();
    const { purchases } = purchasesFromDeals([deal({ at: new Date(2024, 4, 1, 8).getTime() })]);
    const settings = { strategicShare: 0.8, atRiskMaxPAlive: 0.5, horizonWeeks: 52, discountRate: 0 };
    const model = computeValues(purchases, valueModelOptions(settings, now, ['a']));
    expect(model.customers[0]).toMatchObject({ id: 'a', x: 0, T: 0, historical: 10, tier: 'strategic' });
  });
});
