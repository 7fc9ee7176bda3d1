import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCdnow } from '../../../lib/value/cdnow';
import { computeValues } from '../../../lib/value/model';
import { sampleBeta, sampleGamma, seededUniform } from '../../../lib/value/random';
import type { Purchase } from '../../../lib/value/summary';
import { requireSharedSet } from '../../shared-data';
import { expectAbsolute, expectRelative } from './helpers';

const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** Purchases of `customers` people over 273 days, drawn from the BG/NBD story with Gamma spend. */
function syntheticPurchases(customers: number, seed: number): Purchase[] {
  const uniform = seededUniform(seed);
  const purchases: Purchase[] = [];
  for (let c = 0; c < customers; c += 1) {
    const rate = sampleGamma(uniform, 0.8, 4); // purchases per week
    const drop = sampleBeta(uniform, 1, 3);
    const spendScale = sampleGamma(uniform, 4, 60);
    let day = Math.floor(uniform() * 84);
    for (;;) {
      purchases.push({ customerId: `c${c}`, date: new Date(START + day * DAY_MS), amount: Math.round(sampleGamma(uniform, 5, spendScale) * 100) / 100 });
      day += Math.ceil((-Math.log(uniform()) / rate) * 7);
      if (day > 272 || uniform() < drop) break;
    }
  }
  return purchases;
}

const numbers = ['expectedPurchases', 'pAlive', 'expectedSpend', 'clv'] as const;

describe('computeValues with too little data', () => {
  // 20 customers buy twice, 10 once: below the 30 repeat customers the model needs.
  const purchases: Purchase[] = [];
  for (let i = 0; i < 30; i += 1) {
    purchases.push({ customerId: `p${i}`, date: '2024-01-01', amount: 10 * (i + 1) });
    if (i < 20) purchases.push({ customerId: `p${i}`, date: i === 0 ? '2024-01-08' : '2024-03-01', amount: 5 });
  }
  const model = computeValues(purchases, { calibrationEnd: '2024-09-30', horizonWeeks: 26, contactIds: ['lead'] });

  it('is not fitted, says why, and shows no model numbers', () => {
    expect(model.fitted).toBe(false);
    expect(model.reason).toBe('only 20 customers with a repeat purchase; the model needs at least 30');
    expect(model.bgnbd).toBeUndefined();
    expect(model.gammaGamma).toBeUndefined();
    for (const customer of model.customers) for (const field of numbers) expect(customer[field]).toBeNull();
  });

  it('still tiers everyone, on spend and recency, and says the model is not fitted', () => {
    expect(model.customers).toHaveLength(31);
    for (const customer of model.customers.filter((c) => c.tier !== 'prospect')) expect(customer.explanation).toMatch(/no prediction yet/);
    expect(model.customers.find((c) => c.id === 'lead')).toMatchObject({ tier: 'prospect', x: null, historical: 0, rank: 31 });
    expect(model.customers.filter((c) => c.tier === 'strategic').length).toBeGreaterThan(0);
    expect(model.customers.some((c) => c.tier === 'growth')).toBe(false);
    // p29 spent the most (300) but only once, 39 weeks ago: valuable and lapsed by the 26-week rule.
    expect(model.customers.find((c) => c.id === 'p29')).toMatchObject({ rank: 1 });
  });

  it('applies the recency rule: overdue against their own rhythm or quiet for over 26 weeks', () => {
    const lapsed = computeValues(purchases, { calibrationEnd: '2024-09-30', horizonWeeks: 26, tierOptions: { strategicShare: 0.01 } });
    const byId = new Map(lapsed.customers.map((c) => [c.id, c]));
    // p15: bought 2024-01-01 and 2024-03-01, spent 165 (above the median), silent since.
    expect(byId.get('p15')).toMatchObject({ tier: 'at-risk', atRisk: true });
    expect(byId.get('p15')!.explanation).toMatch(/^no purchase for 30 weeks \(usual gap 8\.6 weeks\) — was worth \$165; no prediction yet$/);
    // p3 is below the median historical value: not "valuable", so not at risk.
    expect(byId.get('p3')!.tier).toBe('core');
  });

  it('ranks by spend, then by the more recent purchase', () => {
    const tie = computeValues(
      [
        { customerId: 'old', date: '2024-01-01', amount: 50 },
        { customerId: 'recent', date: '2024-05-01', amount: 50 },
        { customerId: 'big', date: '2024-01-01', amount: 70 },
      ],
      { calibrationEnd: '2024-06-01', horizonWeeks: 10 },
    );
    expect(tie.customers.map((c) => c.id)).toEqual(['big', 'recent', 'old']);
  });

  it('lists a contact whose first purchase is after the calibration end as a prospect, saying so', () => {
    const late = computeValues([...purchases, { customerId: 'late', date: '2024-10-05', amount: 9 }], {
      calibrationEnd: '2024-09-30',
      horizonWeeks: 26,
    });
    expect(late.customers.find((c) => c.id === 'late')).toMatchObject({
      tier: 'prospect',
      explanation: 'no purchase by 2024-09-30 (first purchase is later)',
    });
  });
});

describe('computeValues with enough data', () => {
  const model = computeValues(syntheticPurchases(600, 1), { calibrationEnd: '2024-09-29', horizonWeeks: 26, discountRate: 0.1 });

  it('fits both models and predicts for every customer', () => {
    expect(model.reason).toBeUndefined();
    expect(model.fitted).toBe(true);
    expect(model.bgnbd!.logLik).toBeLessThan(0);
    expect(model.gammaGamma!.q).toBeGreaterThan(1);
    for (const customer of model.customers) {
      for (const field of numbers) expect(Number.isFinite(customer[field])).toBe(true);
      expect(customer.pAlive).toBeGreaterThanOrEqual(0);
      expect(customer.pAlive).toBeLessThanOrEqual(1);
      // Discounting only lowers CLV below purchases × spend.
      expect(customer.clv!).toBeLessThanOrEqual(customer.expectedPurchases! * customer.expectedSpend! * (1 + 1e-12));
    }
  });

  it('ranks by spent + predicted value and puts the top 80% of it in the strategic tier', () => {
    const value = (c: (typeof model.customers)[number]) => c.historical + c.clv!;
    const values = model.customers.map(value);
    for (let i = 1; i < values.length; i += 1) expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
    const total = values.reduce((s, v) => s + v, 0);
    const strategic = model.customers.filter((c) => c.tier === 'strategic');
    const held = strategic.reduce((s, c) => s + value(c), 0);
    expect(held).toBeGreaterThanOrEqual(0.8 * total * (1 - 1e-12));
    expect(held - value(strategic[strategic.length - 1]!)).toBeLessThan(0.8 * total);
    expect(new Set(model.customers.map((c) => c.tier))).toEqual(new Set(['strategic', 'growth', 'core', 'at-risk']));
  });
});

describe('computeValues when the data cannot identify the model', () => {
  it('falls back with the reason instead of showing numbers', () => {
    // 60 clockwork customers, each buying every 3–22 days right up to the end: nobody ever lapses,
    // so the likelihood keeps rising as the Beta drop-out distribution collapses onto p = 0.
    const purchases: Purchase[] = [];
    for (let c = 0; c < 60; c += 1) {
      for (let day = c % 7; day <= 272; day += 3 + (c % 20)) {
        purchases.push({ customerId: `c${c}`, date: new Date(START + day * DAY_MS), amount: 10 + (c % 5) });
      }
    }
    const model = computeValues(purchases, { calibrationEnd: '2024-09-29', horizonWeeks: 26 });
    expect(model.fitted).toBe(false);
    expect(model.reason).toMatch(/^BG\/NBD (a|b) = .* is at a boundary: the data cannot pin it down$/);
    for (const customer of model.customers) for (const field of numbers) expect(customer[field]).toBeNull();
    expect(model.customers.every((c) => c.tier !== 'growth' && /no prediction yet/.test(c.explanation))).toBe(true);
  });
});

const dir = requireSharedSet('datasets', 'cdnow');

describe.skipIf(!dir)('computeValues on CDNOW', () => {
  it('reproduces the published fit and customer 1’s forecast', () => {
    const purchases = parseCdnow(readFileSync(join(dir!, 'CDNOW_sample.txt'), 'utf8'));
    const model = computeValues(purchases, { calibrationEnd: '1997-09-30', horizonWeeks: 39 });
    expect(model.fitted).toBe(true);
    expectRelative(model.bgnbd!.r, 0.243, 0.005);
    expectRelative(model.gammaGamma!.p, 6.25, 0.005);
    const customer1 = model.customers.find((c) => c.id === '1')!;
    expectAbsolute(customer1.expectedPurchases!, 1.226, 0.005);
    expect(model.customers).toHaveLength(2357);
  });
});
