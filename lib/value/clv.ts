/**
 * Per-customer predictions over a horizon from a fitted BG/NBD and Gamma-Gamma pair: expected
 * purchases, P(alive), expected spend per purchase and lifetime value. Relies on the two models'
 * independence assumption (spend per purchase does not depend on how often one buys), which is
 * what lets CLV be purchases × spend (Fader, Hardie & Lee 2005, "RFM and CLV", JMR 42(4)).
 */
import { conditionalExpectedPurchases, probabilityAlive, type BgNbdParams } from './bgnbd';
import type { Rfm } from './compact';
import { conditionalExpectedSpend, type GammaGammaParams } from './gammagamma';

export interface CustomerValueInput extends Rfm {
  mbar: number;
}

export interface CustomerPrediction {
  expectedPurchases: number;
  pAlive: number;
  expectedSpend: number;
  clv: number;
}

export interface ClvOptions {
  horizonWeeks: number;
  /** Annual discount rate d; a purchase in week w is worth 1/(1+d)^(w/52). Default 0. */
  discountRate?: number;
}

const WEEKS_PER_YEAR = 52;

export interface PurchasePrediction {
  expectedPurchases: number;
  pAlive: number;
  /** Expected purchases with each week discounted; equals expectedPurchases at rate 0. */
  discountedPurchases: number;
}

/** The BG/NBD half of a prediction: depends on (x, t_x, T) only, so callers may share it. */
export function predictPurchases(bgnbd: BgNbdParams, customer: Rfm, options: ClvOptions): PurchasePrediction {
  const { horizonWeeks } = options;
  const discountRate = options.discountRate ?? 0;
  if (!(horizonWeeks >= 0 && Number.isFinite(horizonWeeks))) throw new RangeError(`horizon must be ≥ 0 weeks, got ${horizonWeeks}`);
  if (!(discountRate >= 0 && Number.isFinite(discountRate))) throw new RangeError(`discount rate must be ≥ 0, got ${discountRate}`);
  const expectedPurchases = conditionalExpectedPurchases(bgnbd, horizonWeeks, customer);
  return {
    expectedPurchases,
    pAlive: probabilityAlive(bgnbd, customer),
    discountedPurchases:
      discountRate === 0 ? expectedPurchases : discountedExpectedPurchases(bgnbd, customer, horizonWeeks, discountRate),
  };
}

/** Combine a purchase prediction with Gamma-Gamma spend: CLV = discounted purchases × spend. */
export function withSpend(
  purchases: PurchasePrediction,
  gammaGamma: GammaGammaParams,
  customer: CustomerValueInput,
): CustomerPrediction {
  const expectedSpend = conditionalExpectedSpend(gammaGamma, customer);
  return {
    expectedPurchases: purchases.expectedPurchases,
    pAlive: purchases.pAlive,
    expectedSpend,
    clv: purchases.discountedPurchases * expectedSpend,
  };
}

export function predictCustomer(
  bgnbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  customer: CustomerValueInput,
  options: ClvOptions,
): CustomerPrediction {
  return withSpend(predictPurchases(bgnbd, customer, options), gammaGamma, customer);
}

/**
 * Σ over weeks w of [E(w) − E(w−1)] / (1+d)^(w/52), E being eq. (10) of BG/NBD: each week's
 * incremental expected purchases discounted to the calibration end. A fractional last week is
 * one shorter step.
 */
export function discountedExpectedPurchases(
  bgnbd: BgNbdParams,
  customer: Rfm,
  horizonWeeks: number,
  discountRate: number,
): number {
  let total = 0;
  let previousEnd = 0;
  let previousCumulative = 0;
  for (let week = 1; previousEnd < horizonWeeks; week += 1) {
    const end = Math.min(week, horizonWeeks);
    const cumulative = conditionalExpectedPurchases(bgnbd, end, customer);
    total += (cumulative - previousCumulative) / Math.pow(1 + discountRate, end / WEEKS_PER_YEAR);
    previousEnd = end;
    previousCumulative = cumulative;
  }
  return total;
}
