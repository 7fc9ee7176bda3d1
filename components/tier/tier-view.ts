/**
 * What the tier badge says, decided from stored rows only. Pure.
 *
 * The rule that matters: a number appears only when the fitted model backs it. Without a fit the
 * badge says so in the user's words (see not-fitted.ts) and shows no prediction, P(alive) or
 * CLV — the stored rows hold null for them anyway.
 */
import type { ValuesState } from '@/lib/db/values';
import type { ContactValue, ValueTier } from '@/lib/model';
import { formatAmount } from '../deal/amount';
import { notFittedNote, type NotFittedNote } from './not-fitted';

export const TIER_LABEL: Record<ValueTier, string> = {
  strategic: 'Strategic',
  growth: 'Growth',
  core: 'Core',
  'at-risk': 'At risk',
  prospect: 'Prospect',
};

/** One line per tier: what the tier means, for legends and tooltips. */
export const TIER_MEANING: Record<ValueTier, string> = {
  strategic: 'the fewest top customers who together hold most of the value',
  growth: 'predicted to be worth more than most other customers',
  core: 'steady customers',
  'at-risk': 'valuable before, but likely to have stopped buying',
  prospect: 'no purchase yet',
};

export interface TierViewInput {
  value: ContactValue | null;
  state: ValuesState | null;
  /** The current won-deal revision; ahead of the state's stamp while a recompute is due. */
  revision: number;
  /** Whether the contact has a won deal (only consulted when there is no row yet). */
  hasPurchase: boolean;
  /** Currency for the model's money figures. */
  currency: string;
}

export interface TierView {
  tier: ValueTier | null;
  label: string;
  reason: string;
  /** Model-backed figures, only when fitted. */
  facts: string | null;
  /** Why numbers are missing, when the model is not fitted. */
  note: NotFittedNote | null;
  updating: boolean;
}

function sentence(text: string): string {
  return text.length ? text[0]!.toUpperCase() + text.slice(1) : text;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

export function describeTier({ value, state, revision, hasPurchase, currency }: TierViewInput): TierView {
  const updating = state === null || revision !== state.stamp.wonDealsRevision;
  if (!value) {
    return hasPurchase
      ? { tier: null, label: 'Not ranked yet', reason: 'Its value is being worked out from its purchases.', facts: null, note: null, updating }
      : { tier: 'prospect', label: TIER_LABEL.prospect, reason: 'No purchase yet.', facts: null, note: null, updating };
  }
  const fitted = state?.fitted === true;
  let facts: string | null = null;
  if (fitted && value.predictedPurchases !== null && value.clv !== null && value.pAlive !== null) {
    const purchases = value.predictedPurchases;
    const weeks = state!.horizonWeeks;
    facts =
      `Expected ${purchases.toFixed(1)} ${plural(Number(purchases.toFixed(1)), 'purchase', 'purchases')} ` +
      `worth ${formatAmount(value.clv, currency)} in the next ${weeks} ${plural(weeks, 'week', 'weeks')}; ` +
      `P(alive) ${value.pAlive < 0.005 ? '<0.01' : value.pAlive.toFixed(2)}.`;
  }
  const note = state && !state.fitted && value.tier !== 'prospect' ? notFittedNote(state.reason) : null;
  return { tier: value.tier, label: TIER_LABEL[value.tier], reason: `${sentence(value.explanation)}.`, facts, note, updating };
}
