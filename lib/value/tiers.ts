/**
 * Tiers the side panel shows beside each contact, each with a one-line reason.
 *
 * Rules, in order of precedence:
 * 1. prospect  — no purchase.
 * 2. strategic — the smallest set of top customers, ranked by value = historical + predicted CLV
 *    (historical alone when the model is not fitted), that together hold at least
 *    `strategicShare` of all customers' value.
 * 3. at-risk   — historically valuable (historical ≥ the `atRiskMinHistoricalQuantile` quantile
 *    of purchasers' historical value) and likely lapsing: P(alive) < `atRiskMaxPAlive` when the
 *    model is fitted, else no purchase for more than `recencyGapMultiple` × their own mean gap
 *    between purchases or more than `recencyMaxWeeks` weeks.
 * 4. growth    — predicted CLV above the median predicted CLV of the customers not in 1–3
 *    (only with a fitted model: without a prediction there is no growth signal).
 * 5. core      — every other purchaser.
 *
 * Strategic wins over at-risk so the strategic set keeps its defining property (it holds the
 * target share of value); a strategic customer who is also lapsing keeps `atRisk: true` and says
 * so in the explanation, so the most valuable lapsing customers are not hidden.
 */
import { formatMoney, formatPercent, formatWeeks } from './format';
import { median, quantile } from './quantile';

export type Tier = 'strategic' | 'at-risk' | 'growth' | 'core' | 'prospect';

export interface TierInput {
  id: string;
  /** False for a contact without a purchase. */
  purchased: boolean;
  historical: number;
  /** Predicted CLV over the horizon; null when the model is not fitted. */
  predicted: number | null;
  /** Null when the model is not fitted. */
  pAlive: number | null;
  weeksSinceLastPurchase: number | null;
  /** Mean weeks between purchase days (t_x / x); null with fewer than two purchase days. */
  meanGapWeeks: number | null;
}

export interface TierOptions {
  strategicShare: number;
  atRiskMaxPAlive: number;
  atRiskMinHistoricalQuantile: number;
  recencyGapMultiple: number;
  recencyMaxWeeks: number;
  /** The (home) currency every amount is in: the reasons are written in it. */
  currency: string;
}

/** Closes every explanation of a purchaser when the model is not fitted. */
export const NO_PREDICTION = 'no prediction yet';

export const DEFAULT_TIER_OPTIONS: Readonly<TierOptions> = {
  strategicShare: 0.8,
  atRiskMaxPAlive: 0.5,
  atRiskMinHistoricalQuantile: 0.5,
  recencyGapMultiple: 2,
  recencyMaxWeeks: 26,
  currency: 'USD',
};

export interface TierAssignment {
  id: string;
  tier: Tier;
  /** Also true for strategic customers who meet the at-risk rule. */
  atRisk: boolean;
  /** The value strategic ranking used: historical + predicted (or historical alone). */
  value: number;
  explanation: string;
}

export interface StrategicSet {
  ids: Set<string>;
  /** Share of total value the set holds (0 when there is no value at all). */
  heldShare: number;
}

/**
 * The smallest set holding ≥ `share` of the total: the top-k prefix by value, since no k-set holds
 * more than the top k. Ties broken by id so the result never depends on input order.
 */
export function strategicSet(items: readonly { id: string; value: number }[], share: number): StrategicSet {
  const total = items.reduce((sum, item) => sum + item.value, 0);
  const ids = new Set<string>();
  if (!(total > 0)) return { ids, heldShare: 0 };
  const ranked = [...items].sort((p, q) => q.value - p.value || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  const target = share * total;
  let held = 0;
  for (const item of ranked) {
    if (held >= target) break;
    ids.add(item.id);
    held += item.value;
  }
  return { ids, heldShare: held / total };
}

export function assignTiers(inputs: readonly TierInput[], overrides: Partial<TierOptions> = {}): TierAssignment[] {
  const options = { ...DEFAULT_TIER_OPTIONS, ...overrides };
  const money = (amount: number): string => formatMoney(amount, options.currency);
  const purchasers = inputs.filter((input) => input.purchased);
  const valueOf = (input: TierInput): number => input.historical + (input.predicted ?? 0);
  const strategic = strategicSet(
    purchasers.map((input) => ({ id: input.id, value: valueOf(input) })),
    options.strategicShare,
  );
  const historicalFloor = quantile(
    purchasers.map((input) => input.historical),
    options.atRiskMinHistoricalQuantile,
  );
  const riskOf = (input: TierInput): string | null =>
    input.purchased && input.historical >= historicalFloor ? lapseReason(input, options) : null;

  const rest = purchasers.filter((input) => !strategic.ids.has(input.id) && riskOf(input) === null);
  const restMedian = median(rest.flatMap((input) => (input.predicted === null ? [] : [input.predicted])));
  const strategicSummary =
    `top ${strategic.ids.size} of ${purchasers.length} customers (${formatPercent(strategic.ids.size / purchasers.length)}) ` +
    `hold ${formatPercent(strategic.heldShare)} of value`;

  return inputs.map((input): TierAssignment => {
    const value = valueOf(input);
    const base = { id: input.id, value };
    if (!input.purchased) return { ...base, tier: 'prospect', atRisk: false, explanation: 'no purchase yet' };
    const risk = riskOf(input);
    // Plain words: the profile's Value section explains, behind Details, why there is no prediction.
    const unfitted = input.predicted === null ? `; ${NO_PREDICTION}` : '';
    if (strategic.ids.has(input.id)) {
      const worth = input.predicted === null ? `spent ${money(value)}` : `worth ${money(value)} (spent + predicted)`;
      const lapse = risk === null ? '' : `; at risk: ${risk}`;
      return { ...base, tier: 'strategic', atRisk: risk !== null, explanation: `${strategicSummary}; ${worth}${lapse}${unfitted}` };
    }
    if (risk !== null) {
      return { ...base, tier: 'at-risk', atRisk: true, explanation: `${risk} — was worth ${money(input.historical)}${unfitted}` };
    }
    if (input.predicted === null) {
      return { ...base, tier: 'core', atRisk: false, explanation: `spent ${money(input.historical)}; ${NO_PREDICTION}` };
    }
    const growth = input.predicted > restMedian;
    return {
      ...base,
      tier: growth ? 'growth' : 'core',
      atRisk: false,
      explanation: `predicted ${money(input.predicted)}, ${growth ? 'above' : 'at or below'} the median ${money(restMedian)} of customers not strategic or at risk`,
    };
  });
}

/** Why a customer looks lapsed, or null if they do not. */
function lapseReason(input: TierInput, options: TierOptions): string | null {
  if (input.pAlive !== null) {
    if (!(input.pAlive < options.atRiskMaxPAlive)) return null;
    return `P(alive) ${input.pAlive < 0.005 ? '<0.01' : input.pAlive.toFixed(2)}`;
  }
  const since = input.weeksSinceLastPurchase;
  if (since === null) return null;
  const gap = input.meanGapWeeks;
  if (gap !== null && since > options.recencyGapMultiple * gap) {
    return `no purchase for ${formatWeeks(since)} (usual gap ${formatWeeks(gap)})`;
  }
  if (since > options.recencyMaxWeeks) return `no purchase for ${formatWeeks(since)}`;
  return null;
}
