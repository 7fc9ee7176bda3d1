import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, probabilityAlive } from '../../../lib/value/bgnbd';
import { predictCustomer } from '../../../lib/value/clv';
import { conditionalExpectedSpend } from '../../../lib/value/gammagamma';
import { expectRelative } from './helpers';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const CUSTOMER = { x: 2, t_x: 30.43, T: 38.86, mbar: 22.35 };

describe('predictCustomer', () => {
  it('without discounting, CLV = expected purchases × expected spend', () => {
    const prediction = predictCustomer(BG, GG, CUSTOMER, { horizonWeeks: 39 });
    expectRelative(prediction.expectedPurchases, conditionalExpectedPurchases(BG, 39, CUSTOMER), 1e-15);
    expectRelative(prediction.expectedSpend, conditionalExpectedSpend(GG, CUSTOMER), 1e-15);
    expectRelative(prediction.pAlive, probabilityAlive(BG, CUSTOMER), 1e-15);
    expectRelative(prediction.clv, prediction.expectedPurchases * prediction.expectedSpend, 1e-14);
  });

  it('discounts each week’s incremental purchases by (1+d)^(week/52)', () => {
    const d = 0.1;
    const spend = conditionalExpectedSpend(GG, CUSTOMER);
    const e1 = conditionalExpectedPurchases(BG, 1, CUSTOMER);
    const e2 = conditionalExpectedPurchases(BG, 2, CUSTOMER);
    const e25 = conditionalExpectedPurchases(BG, 2.5, CUSTOMER);
    const expected = spend * (e1 / 1.1 ** (1 / 52) + (e2 - e1) / 1.1 ** (2 / 52) + (e25 - e2) / 1.1 ** (2.5 / 52));
    expectRelative(predictCustomer(BG, GG, CUSTOMER, { horizonWeeks: 2.5, discountRate: d }).clv, expected, 1e-13);
  });

  it('keeps discounted CLV between the horizon-end discount and no discount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 104 }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (weeks, d) => {
        const plain = predictCustomer(BG, GG, CUSTOMER, { horizonWeeks: weeks }).clv;
        const discounted = predictCustomer(BG, GG, CUSTOMER, { horizonWeeks: weeks, discountRate: d }).clv;
        expect(discounted).toBeLessThanOrEqual(plain * (1 + 1e-12));
        expect(discounted).toBeGreaterThanOrEqual((plain / (1 + d) ** (weeks / 52)) * (1 - 1e-12));
      }),
      { numRuns: 30 },
    );
  });

  it('rejects a negative horizon or discount rate', () => {
    expect(() => predictCustomer(BG, GG, CUSTOMER, { horizonWeeks: -1 })).toThrow(RangeError);
    expect(() => predictCustomer(BG, GG, CUSTOMER, { horizonWeeks: 5, discountRate: -0.1 })).toThrow(RangeError);
  });
});
