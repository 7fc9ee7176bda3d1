/**
 * The numbers behind the analytics page, from stored rows. Pure, so each figure is tested
 * without a browser and the charts only draw what these return.
 */
import type { Contact, ContactValue, Deal, LifecycleStage, ValueTier } from '@/lib/model';
import { VALUE_TIERS } from '@/lib/model';
import { toHomeAmount, type CurrencyConversion } from '@/lib/value/currency';
import { localIsoDay } from '@/lib/value/recompute';

/** What a customer is worth on this page: spent + predicted (just spent when not fitted). */
export function valueOf(row: ContactValue): number {
  return row.historical + (row.clv ?? 0);
}

export interface ParetoPoint {
  /** How many customers, most valuable first. */
  count: number;
  /** Share of customers (0–1), most valuable first. */
  customers: number;
  /** Share of all value those customers hold (0–1). */
  value: number;
}

export interface Pareto {
  points: ParetoPoint[];
  customers: number;
  totalValue: number;
  /** The strategic tier: how many customers, and which shares it holds. */
  cut: ParetoPoint;
  /** The same curve at 10%, 20%, …, 100% of customers, for the text table. */
  deciles: ParetoPoint[];
}

/**
 * The Pareto (Lorenz-style) curve over purchasers: customers sorted by value, cumulative share
 * of value against cumulative share of customers. At most `maxPoints` points are kept (evenly
 * spaced, always including both ends and the strategic cut) so 100,000 customers draw quickly.
 */
export function paretoCurve(rows: readonly ContactValue[], maxPoints = 200): Pareto {
  const purchasers = rows.filter((row) => row.tier !== 'prospect');
  const values = purchasers.map(valueOf).sort((a, b) => b - a);
  const strategicCount = purchasers.filter((row) => row.tier === 'strategic').length;
  const n = values.length;
  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i += 1) cumulative[i + 1] = cumulative[i]! + values[i]!;
  const total = cumulative[n]!;
  const at = (k: number): ParetoPoint => ({ count: k, customers: n ? k / n : 0, value: total > 0 ? cumulative[k]! / total : 0 });

  const indices = new Set<number>([0, n, strategicCount]);
  const step = Math.max(1, n / maxPoints);
  for (let k = 0; k <= n; k += step) indices.add(Math.round(k));
  const points = [...indices].filter((k) => k >= 0 && k <= n).sort((a, b) => a - b).map(at);
  const deciles = n === 0 ? [] : Array.from({ length: 10 }, (_, i) => at(Math.ceil(((i + 1) / 10) * n)));
  const cut = at(strategicCount);
  return { points, customers: n, totalValue: total, cut, deciles };
}

export interface TierSummary {
  tier: ValueTier;
  count: number;
  value: number;
  /** Shares of all contacts and of all value (0–1). */
  countShare: number;
  valueShare: number;
}

export function tierSummary(rows: readonly ContactValue[]): TierSummary[] {
  const count = new Map<ValueTier, number>();
  const value = new Map<ValueTier, number>();
  let totalValue = 0;
  for (const row of rows) {
    count.set(row.tier, (count.get(row.tier) ?? 0) + 1);
    value.set(row.tier, (value.get(row.tier) ?? 0) + valueOf(row));
    totalValue += valueOf(row);
  }
  return VALUE_TIERS.map((tier) => ({
    tier,
    count: count.get(tier) ?? 0,
    value: value.get(tier) ?? 0,
    countShare: rows.length ? (count.get(tier) ?? 0) / rows.length : 0,
    valueShare: totalValue > 0 ? (value.get(tier) ?? 0) / totalValue : 0,
  }));
}

export const FUNNEL_STAGES = ['lead', 'prospect', 'customer', 'expansion'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

const STAGE_RANK: Record<LifecycleStage, number> = {
  lead: 0,
  prospect: 1,
  customer: 2,
  expansion: 3,
  // At risk and churned customers did become customers.
  'at-risk': 2,
  churned: 2,
};

export interface FunnelStep {
  stage: FunnelStage;
  /** Contacts who reached this stage or a later one. */
  count: number;
  /** count / the previous step's count (null for the first step or after an empty one). */
  conversion: number | null;
}

/**
 * How far each live contact got: the furthest of its recorded stage and what its deals show
 * (an open deal → prospect, a won deal → customer, a repeat purchase → expansion). Counts are
 * cumulative, so every step is a subset of the one before.
 */
export function lifecycleFunnel(
  contacts: readonly Pick<Contact, 'id' | 'stage' | 'deletedAt'>[],
  deals: readonly Pick<Deal, 'contactId' | 'status' | 'at'>[],
): FunnelStep[] {
  const evidence = new Map<string, { open: boolean; wonDays: Set<string> }>();
  for (const deal of deals) {
    if (deal.status === 'lost') continue;
    let entry = evidence.get(deal.contactId);
    if (!entry) {
      entry = { open: false, wonDays: new Set() };
      evidence.set(deal.contactId, entry);
    }
    if (deal.status === 'open') entry.open = true;
    else entry.wonDays.add(localIsoDay(deal.at));
  }
  const reached = [0, 0, 0, 0];
  for (const contact of contacts) {
    if (contact.deletedAt) continue;
    const entry = evidence.get(contact.id);
    const fromDeals = !entry ? 0 : entry.wonDays.size >= 2 ? 3 : entry.wonDays.size === 1 ? 2 : entry.open ? 1 : 0;
    const rank = Math.max(STAGE_RANK[contact.stage], fromDeals);
    for (let step = 0; step <= rank; step += 1) reached[step]! += 1;
  }
  return FUNNEL_STAGES.map((stage, i) => ({
    stage,
    count: reached[i]!,
    conversion: i === 0 || reached[i - 1] === 0 ? null : reached[i]! / reached[i - 1]!,
  }));
}

export interface AtRiskCustomer {
  contactId: string;
  name: string;
  tier: ValueTier;
  /** What they have spent: the revenue at stake if they do not come back. */
  valueLost: number;
  pAlive: number | null;
  explanation: string;
}

/**
 * Customers likely to have stopped buying, most value at stake first: the at-risk tier, plus
 * strategic customers whose P(alive) is under the threshold (the model keeps them strategic so
 * the strategic set holds its share, but they are at risk all the same).
 */
export function atRiskCustomers(
  rows: readonly ContactValue[],
  nameOf: (contactId: string) => string,
  atRiskMaxPAlive: number,
): AtRiskCustomer[] {
  return rows
    .filter((row) => row.tier === 'at-risk' || (row.tier === 'strategic' && row.pAlive !== null && row.pAlive < atRiskMaxPAlive))
    .map((row) => ({
      contactId: row.contactId,
      name: nameOf(row.contactId),
      tier: row.tier,
      valueLost: row.historical,
      pAlive: row.pAlive,
      explanation: row.explanation,
    }))
    .sort((a, b) => b.valueLost - a.valueLost || (a.contactId < b.contactId ? -1 : 1));
}

export interface MonthRevenue {
  /** `YYYY-MM`, local calendar. */
  month: string;
  revenue: number;
  deals: number;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Won revenue per local calendar month in the home currency, the last `months` months up to `now`
 * (gaps filled with 0). A deal in a currency without a rate is left out (the model status says
 * how many), never added as if it were the home currency.
 */
export function revenueByMonth(
  deals: readonly Pick<Deal, 'status' | 'amount' | 'currency' | 'at'>[],
  now: number,
  conversion: CurrencyConversion,
  months = 24,
): MonthRevenue[] {
  const current = localIsoDay(now).slice(0, 7);
  let first = current;
  for (let i = 1; i < months; i += 1) {
    const [year, m] = first.split('-').map(Number) as [number, number];
    first = m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
  }
  const byMonth = new Map<string, MonthRevenue>();
  for (let month = first; month <= current; month = nextMonth(month)) byMonth.set(month, { month, revenue: 0, deals: 0 });
  for (const deal of deals) {
    if (deal.status !== 'won' || !(deal.amount >= 0)) continue;
    const entry = byMonth.get(localIsoDay(deal.at).slice(0, 7));
    if (!entry) continue;
    const amount = toHomeAmount(deal.amount, deal.currency, conversion);
    if (amount === null) continue;
    entry.revenue += amount;
    entry.deals += 1;
  }
  return [...byMonth.values()];
}
