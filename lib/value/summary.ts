/**
 * Purchases → the per-customer calibration summary (x, t_x, T, m̄) that BG/NBD and Gamma-Gamma
 * consume, following Fader, Hardie & Lee (2005) §2: the first purchase starts the customer's
 * clock and is not counted in x, and purchases on the same day are one purchase (the CDNOW
 * convention), so x counts distinct purchase days after the first.
 */
import { DAYS_PER_WEEK, toDayNumber } from './days';

export interface Purchase {
  customerId: string;
  /** A Date (its UTC day is used) or `YYYY-MM-DD`. */
  date: Date | string;
  amount: number;
}

export interface CustomerSummary {
  id: string;
  /** Repeat purchases: distinct purchase days after the first, within calibration. */
  x: number;
  /** Weeks from the first to the last purchase (0 when x = 0). */
  t_x: number;
  /** Weeks from the first purchase to the end of calibration. */
  T: number;
  /** Mean value of the repeat purchases (same-day purchases summed first); 0 when x = 0. */
  mbar: number;
  /** Total spend within calibration, first purchase included. */
  historical: number;
  /** UTC day numbers of the first and last calibration purchase. */
  firstDay: number;
  lastDay: number;
}

/**
 * Summaries of every customer with at least one purchase on or before `calibrationEnd`, in order
 * of first appearance in `purchases`. Purchases after `calibrationEnd` are ignored (they belong
 * to a holdout period); a customer whose purchases all fall after it is left out.
 */
export function summarisePurchases(purchases: readonly Purchase[], calibrationEnd: Date | string): CustomerSummary[] {
  const endDay = toDayNumber(calibrationEnd);
  // customer → (day → summed amount); Map keeps first-appearance order.
  const byCustomer = new Map<string, Map<number, number>>();
  purchases.forEach((purchase, index) => {
    if (!Number.isFinite(purchase.amount) || purchase.amount < 0) {
      throw new RangeError(`purchase ${index}: amount must be a finite number ≥ 0, got ${purchase.amount}`);
    }
    const day = toDayNumber(purchase.date);
    let days = byCustomer.get(purchase.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(purchase.customerId, days);
    }
    if (day <= endDay) days.set(day, (days.get(day) ?? 0) + purchase.amount);
  });

  const summaries: CustomerSummary[] = [];
  for (const [id, days] of byCustomer) {
    if (days.size === 0) continue;
    summaries.push(summariseDays(id, days, endDay));
  }
  return summaries;
}

function summariseDays(id: string, amountByDay: Map<number, number>, endDay: number): CustomerSummary {
  const days = [...amountByDay.keys()].sort((p, q) => p - q);
  const firstDay = days[0]!;
  const lastDay = days[days.length - 1]!;
  let historical = 0;
  let repeatSpend = 0;
  for (const day of days) {
    const amount = amountByDay.get(day)!;
    historical += amount;
    if (day !== firstDay) repeatSpend += amount;
  }
  const x = days.length - 1;
  return {
    id,
    x,
    t_x: (lastDay - firstDay) / DAYS_PER_WEEK,
    T: (endDay - firstDay) / DAYS_PER_WEEK,
    mbar: x > 0 ? repeatSpend / x : 0,
    historical,
    firstDay,
    lastDay,
  };
}
