import { describe, expect, it } from 'vitest';
import { atRiskCustomers, lifecycleFunnel, paretoCurve, revenueByMonth, tierSummary } from '@/entrypoints/analytics/analytics-data';
import { valueRow as row } from './fixtures';


// 10 buyers: one worth 80, nine worth 20/9 each → the top 1 (10%) holds 80%.
const rows = [
  row('big', 80, 'strategic'),
  ...Array.from({ length: 9 }, (_, i) => row(`s${i}`, 20 / 9, i < 3 ? 'at-risk' : 'core')),
  row('lead', 0, 'prospect'),
];

describe('paretoCurve', () => {
  it('runs from (0,0) to (1,1) over purchasers and marks the strategic cut', () => {
    const pareto = paretoCurve(rows);
    expect(pareto.customers).toBe(10);
    expect(pareto.totalValue).toBeCloseTo(100);
    expect(pareto.points[0]).toEqual({ count: 0, customers: 0, value: 0 });
    expect(pareto.points.at(-1)).toEqual({ count: 10, customers: 1, value: 1 });
    expect(pareto.cut).toEqual({ count: 1, customers: 0.1, value: expect.closeTo(0.8, 9) });
    expect(pareto.deciles.map((p) => p.customers)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(pareto.deciles[0]!.value).toBeCloseTo(0.8);
  });

  it('is non-decreasing and concave, and keeps at most the points asked for', () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(`c${i}`, ((i * 7919) % 1000) + 1, 'core', { clv: i % 3 }));
    const pareto = paretoCurve(many, 100);
    expect(pareto.points.length).toBeLessThanOrEqual(103);
    for (let i = 1; i < pareto.points.length; i += 1) {
      const [a, b] = [pareto.points[i - 1]!, pareto.points[i]!];
      expect(b.customers).toBeGreaterThan(a.customers);
      expect(b.value).toBeGreaterThanOrEqual(a.value);
      expect(b.value).toBeGreaterThanOrEqual(b.customers - 1e-12); // above the diagonal
    }
  });

  it('is empty without purchasers', () => {
    expect(paretoCurve([row('lead', 0, 'prospect')])).toMatchObject({ customers: 0, totalValue: 0, deciles: [], cut: { count: 0 } });
  });
});

describe('tierSummary', () => {
  it('counts contacts and value per tier, in tier order', () => {
    const summary = tierSummary(rows);
    expect(summary.map((s) => [s.tier, s.count])).toEqual([
      ['strategic', 1],
      ['growth', 0],
      ['core', 6],
      ['at-risk', 3],
      ['prospect', 1],
    ]);
    expect(summary[0]!.valueShare).toBeCloseTo(0.8);
    expect(summary[0]!.countShare).toBeCloseTo(1 / 11);
  });
});

describe('lifecycleFunnel', () => {
  const day = (d: number) => Date.UTC(2024, 0, d, 12);
  it('takes the furthest of the recorded stage and what the deals show, cumulatively', () => {
    const contacts = [
      { id: 'lead', stage: 'lead' as const },
      { id: 'prospect-by-deal', stage: 'lead' as const },
      { id: 'customer', stage: 'lead' as const },
      { id: 'expansion', stage: 'lead' as const },
      { id: 'recorded-expansion', stage: 'expansion' as const },
      { id: 'churned', stage: 'churned' as const },
      { id: 'deleted', stage: 'expansion' as const, deletedAt: 5 },
    ];
    const deals = [
      { contactId: 'prospect-by-deal', status: 'open' as const, at: day(1) },
      { contactId: 'prospect-by-deal', status: 'lost' as const, at: day(2) },
      { contactId: 'customer', status: 'won' as const, at: day(1) },
      { contactId: 'customer', status: 'won' as const, at: day(1) }, // same day: one purchase
      { contactId: 'expansion', status: 'won' as const, at: day(1) },
      { contactId: 'expansion', status: 'won' as const, at: day(9) },
    ];
    expect(lifecycleFunnel(contacts, deals)).toEqual([
      { stage: 'lead', count: 6, conversion: null },
      { stage: 'prospect', count: 5, conversion: 5 / 6 },
      { stage: 'customer', count: 4, conversion: 4 / 5 },
      { stage: 'expansion', count: 2, conversion: 0.5 },
    ]);
  });
});

describe('atRiskCustomers', () => {
  it('lists the at-risk tier and lapsing strategic customers, most value at stake first', () => {
    const list = atRiskCustomers(
      [
        row('a', 10, 'at-risk', { pAlive: 0.2 }),
        row('b', 500, 'strategic', { pAlive: 0.3 }),
        row('c', 900, 'strategic', { pAlive: 0.9 }),
        row('d', 50, 'at-risk', { pAlive: 0.1 }),
        row('e', 70, 'core', { pAlive: 0.1 }),
      ],
      (id) => `Name ${id}`,
      0.5,
    );
    expect(list.map((c) => [c.contactId, c.name, c.valueLost])).toEqual([
      ['b', 'Name b', 500],
      ['d', 'Name d', 50],
      ['a', 'Name a', 10],
    ]);
  });
});

describe('revenueByMonth', () => {
  it('sums won deals per local month over the last months in the home currency, gaps included', () => {
    const now = new Date(2024, 4, 15).getTime();
    const at = (y: number, m: number, d = 10) => new Date(y, m - 1, d).getTime();
    const months = revenueByMonth(
      [
        { status: 'won', amount: 10_000, currency: 'USD', at: at(2024, 5) },
        { status: 'won', amount: 5_050, currency: 'USD', at: at(2024, 5, 1) },
        { status: 'won', amount: 30_000, currency: 'JPY', at: at(2024, 3) }, // ¥30,000 at 0.0065 = $195
        { status: 'won', amount: 7_000, currency: 'GBP', at: at(2024, 3) }, // no rate: left out, not added as $70
        { status: 'open', amount: 99_900, currency: 'USD', at: at(2024, 5) },
        { status: 'won', amount: 100, currency: 'USD', at: at(2023, 1) }, // older than 3 months
        { status: 'won', amount: -500, currency: 'USD', at: at(2024, 5) }, // refund: left out
      ],
      now,
      { home: 'USD', rates: { JPY: 0.0065 } },
      3,
    );
    expect(months).toEqual([
      { month: '2024-03', revenue: 195, deals: 1 },
      { month: '2024-04', revenue: 0, deals: 0 },
      { month: '2024-05', revenue: 150.5, deals: 2 },
    ]);
  });

  it('crosses a year boundary', () => {
    const months = revenueByMonth([], new Date(2024, 1, 3).getTime(), { home: 'USD', rates: {} }, 4).map((m) => m.month);
    expect(months).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });
});
