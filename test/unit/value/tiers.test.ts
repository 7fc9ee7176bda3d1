import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignTiers, strategicSet, type TierInput } from '../../../lib/value/tiers';

function purchaser(id: string, fields: Partial<TierInput> = {}): TierInput {
  return {
    id,
    purchased: true,
    historical: 100,
    predicted: 50,
    pAlive: 0.9,
    weeksSinceLastPurchase: 2,
    meanGapWeeks: 4,
    ...fields,
  };
}

const prospect = (id: string): TierInput => ({
  id,
  purchased: false,
  historical: 0,
  predicted: null,
  pAlive: null,
  weeksSinceLastPurchase: null,
  meanGapWeeks: null,
});

describe('strategicSet', () => {
  // Whole-number values keep the sums exact, so the checks below test the rule, not rounding.
  const items = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), value: fc.integer({ min: 0, max: 10_000 }) }), {
    selector: (item) => item.id,
    minLength: 1,
    maxLength: 60,
  });
  const share = fc.double({ min: 0.05, max: 1, noNaN: true });

  it('holds at least the target share, and dropping its smallest member falls below it', () => {
    fc.assert(
      fc.property(items, share, (list, target) => {
        const total = list.reduce((s, item) => s + item.value, 0);
        const { ids } = strategicSet(list, target);
        const members = list.filter((item) => ids.has(item.id));
        const held = members.reduce((s, item) => s + item.value, 0);
        // A property that returns a value fails when it is false: assert, then return nothing.
        if (total === 0) {
          expect(ids.size).toBe(0);
          return;
        }
        expect(held).toBeGreaterThanOrEqual(target * total);
        const smallest = Math.min(...members.map((item) => item.value));
        expect(held - smallest).toBeLessThan(target * total);
      }),
    );
  });

  it('is the top of the ranking: no outsider is worth more than a member', () => {
    fc.assert(
      fc.property(items, share, (list, target) => {
        const { ids } = strategicSet(list, target);
        const inside = list.filter((item) => ids.has(item.id)).map((item) => item.value);
        const outside = list.filter((item) => !ids.has(item.id)).map((item) => item.value);
        if (inside.length && outside.length) expect(Math.min(...inside)).toBeGreaterThanOrEqual(Math.max(...outside));
      }),
    );
  });
});

describe('assignTiers', () => {
  it('makes the few big customers strategic and explains the concentration', () => {
    const inputs = [
      purchaser('whale', { historical: 9000, predicted: 1000 }),
      ...Array.from({ length: 30 }, (_, i) => purchaser(`small${i}`, { historical: 40 + i, predicted: 10 + i })),
      prospect('new'),
    ];
    const tiers = assignTiers(inputs);
    const whale = tiers.find((t) => t.id === 'whale')!;
    expect(whale.tier).toBe('strategic');
    expect(whale.explanation).toMatch(/^top 1 of 31 customers \(3\.2%\) hold \d+% of value; worth \$10,000/);
    expect(tiers.filter((t) => t.tier === 'strategic')).toHaveLength(1);
    expect(tiers.find((t) => t.id === 'new')).toMatchObject({ tier: 'prospect', explanation: 'no purchase yet' });
  });

  it('splits the rest at their median predicted value into growth and core', () => {
    const inputs = [
      purchaser('whale', { historical: 1e6, predicted: 0 }),
      ...[10, 20, 30, 40, 50].map((predicted, i) => purchaser(`c${i}`, { historical: 10, predicted })),
    ];
    const byId = new Map(assignTiers(inputs).map((t) => [t.id, t]));
    expect(['c0', 'c1', 'c2', 'c3', 'c4'].map((id) => byId.get(id)!.tier)).toEqual(['core', 'core', 'core', 'growth', 'growth']);
    expect(byId.get('c4')!.explanation).toBe('predicted $50.00, above the median $30.00 of customers not strategic or at risk');
  });

  it('marks valuable customers with P(alive) < 0.5 at risk, and only valuable ones', () => {
    const inputs = [
      purchaser('whale', { historical: 1e6 }),
      purchaser('lapsing', { historical: 1240, pAlive: 0.31 }),
      purchaser('cheapLapsing', { historical: 5, pAlive: 0.1 }),
      purchaser('fine', { historical: 1240, pAlive: 0.8 }),
      purchaser('other', { historical: 5 }),
    ];
    const byId = new Map(assignTiers(inputs).map((t) => [t.id, t]));
    expect(byId.get('lapsing')).toMatchObject({ tier: 'at-risk', atRisk: true, explanation: 'P(alive) 0.31 — was worth $1,240' });
    expect(byId.get('cheapLapsing')!.tier).not.toBe('at-risk');
    expect(byId.get('fine')!.tier).not.toBe('at-risk');
  });

  it('keeps a lapsing strategic customer strategic but flags and explains the risk', () => {
    const inputs = [purchaser('whale', { historical: 1e6, pAlive: 0.2 }), purchaser('a', { historical: 1 }), purchaser('b', { historical: 2 })];
    const whale = assignTiers(inputs)[0]!;
    expect(whale).toMatchObject({ tier: 'strategic', atRisk: true });
    expect(whale.explanation).toMatch(/at risk: P\(alive\) 0\.20/);
  });

  it('without a model, uses the recency rule and says the model is not fitted', () => {
    const unfitted = (id: string, fields: Partial<TierInput>) => purchaser(id, { predicted: null, pAlive: null, ...fields });
    const inputs = [
      unfitted('whale', { historical: 1e6 }),
      unfitted('overdue', { historical: 500, weeksSinceLastPurchase: 9, meanGapWeeks: 4 }), // > 2 × gap
      unfitted('longGone', { historical: 500, weeksSinceLastPurchase: 27, meanGapWeeks: null }), // > 26 weeks
      unfitted('regular', { historical: 500, weeksSinceLastPurchase: 7, meanGapWeeks: 4 }),
      unfitted('cheap', { historical: 1, weeksSinceLastPurchase: 40, meanGapWeeks: 1 }),
    ];
    const byId = new Map(assignTiers(inputs).map((t) => [t.id, t]));
    expect(byId.get('overdue')).toMatchObject({
      tier: 'at-risk',
      explanation: 'no purchase for 9 weeks (usual gap 4 weeks) — was worth $500; no prediction yet',
    });
    expect(byId.get('longGone')!.tier).toBe('at-risk');
    expect(byId.get('regular')).toMatchObject({ tier: 'core' });
    expect(byId.get('regular')!.explanation).toMatch(/no prediction yet/);
    expect(byId.get('cheap')!.tier).toBe('core');
    expect(byId.get('whale')!.explanation).toMatch(/spent \$1,000,000; no prediction yet$/);
    expect([...byId.values()].some((t) => t.tier === 'growth')).toBe(false);
  });

  it('takes its thresholds from the options', () => {
    const inputs = [purchaser('a', { historical: 50, pAlive: 0.6 }), purchaser('b', { historical: 50, pAlive: 0.6 })];
    expect(assignTiers(inputs, { strategicShare: 0.01 }).filter((t) => t.tier === 'strategic')).toHaveLength(1);
    expect(assignTiers(inputs, { strategicShare: 0.01, atRiskMaxPAlive: 0.7 })[1]!.tier).toBe('at-risk');
  });

  it('gives every contact exactly one tier, prospect exactly when there is no purchase', () => {
    const input = fc.record({
      id: fc.uuid(),
      purchased: fc.boolean(),
      historical: fc.integer({ min: 0, max: 5000 }),
      predicted: fc.option(fc.integer({ min: 0, max: 5000 })),
      pAlive: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
      weeksSinceLastPurchase: fc.option(fc.integer({ min: 0, max: 60 })),
      meanGapWeeks: fc.option(fc.integer({ min: 1, max: 20 })),
    });
    fc.assert(
      fc.property(fc.uniqueArray(input, { selector: (i) => i.id, maxLength: 40 }), (inputs) => {
        const tiers = assignTiers(inputs);
        expect(tiers.map((t) => t.id)).toEqual(inputs.map((i) => i.id));
        tiers.forEach((t, i) => {
          expect(t.tier === 'prospect').toBe(!inputs[i]!.purchased);
          expect(t.explanation.length).toBeGreaterThan(0);
        });
      }),
    );
  });
});

describe('tier reasons in the home currency', () => {
  // en-US formatting is pinned so the expected text does not depend on the machine's locale.
  const inputs = [purchaser('whale', { historical: 10_000, predicted: null, pAlive: null }), purchaser('small', { historical: 40, predicted: null, pAlive: null })];

  it('write amounts in the currency they are in, not in dollars', () => {
    const euro = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(10_000);
    const byId = new Map(assignTiers(inputs, { currency: 'EUR' }).map((tier) => [tier.id, tier]));
    expect(byId.get('whale')!.explanation).toContain(`spent ${euro}`);
    expect(byId.get('whale')!.explanation).not.toContain('$');
    const yen = assignTiers([purchaser('y', { historical: 1234, predicted: null, pAlive: null })], { currency: 'JPY' })[0]!;
    expect(yen.explanation).toContain(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(1234));
  });

  it('keep cents below 100 only for currencies that have them', () => {
    const [small] = assignTiers([purchaser('s', { historical: 12.5, predicted: null, pAlive: null })], { currency: 'JPY' });
    expect(small!.explanation).toContain(`spent ${new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(13)}; no prediction yet`);
    const [cents] = assignTiers([purchaser('c', { historical: 12.5, predicted: null, pAlive: null })]);
    expect(cents!.explanation).toContain('spent $12.50; no prediction yet');
  });
});
