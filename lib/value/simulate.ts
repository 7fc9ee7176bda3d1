/**
 * Synthetic customers drawn from the BG/NBD generative process (Fader, Hardie & Lee 2005, §2)
 * with Gamma-Gamma spend, for parameter-recovery tests and benchmarks without a data file.
 * Purchases happen in continuous time and are then (by default) put on whole days, as real data
 * is, so same-day purchases merge exactly as `summarisePurchases` merges them.
 */
import type { BgNbdParams } from './bgnbd';
import type { GammaGammaParams } from './gammagamma';
import { sampleBeta, sampleExponential, sampleGamma, seededUniform } from './random';

export interface SimulationOptions {
  customers: number;
  bgnbd: BgNbdParams;
  gammaGamma?: GammaGammaParams;
  seed: number;
  /** Days in the calibration period (CDNOW: 1997-01-01…1997-09-30, 273 days). */
  calibrationDays?: number;
  /** First purchases fall uniformly on days [0, entryDays) (CDNOW: the first quarter, 84 days here). */
  entryDays?: number;
  /**
   * Record purchase times to the whole day, merging same-day purchases (default true, like real
   * data). False keeps exact times, for checks that must match the model with no rounding at all.
   */
  wholeDays?: boolean;
  /** Also follow each customer this many days past the calibration end (default 0). */
  holdoutDays?: number;
}

export interface SimulatedCustomer {
  id: string;
  x: number;
  t_x: number;
  T: number;
  /** Mean of the repeat purchase values (0 when x = 0). */
  mbar: number;
  /** Whether the customer is still alive at the end of calibration (for checking P(alive)). */
  alive: boolean;
  /** Purchases (distinct days with wholeDays) in the holdout period after calibration. */
  holdoutPurchases: number;
}

export function simulateCustomers(options: SimulationOptions): SimulatedCustomer[] {
  const uniform = seededUniform(options.seed);
  const { r, alpha, a, b } = options.bgnbd;
  const calibrationDays = options.calibrationDays ?? 273;
  const entryDays = options.entryDays ?? 84;
  const wholeDays = options.wholeDays ?? true;
  const customers: SimulatedCustomer[] = [];
  for (let i = 0; i < options.customers; i += 1) {
    const lambda = sampleGamma(uniform, r, alpha);
    const dropProbability = sampleBeta(uniform, a, b);
    const spendRate = options.gammaGamma ? sampleGamma(uniform, options.gammaGamma.q, options.gammaGamma.gamma) : 0;
    const firstDay = Math.floor(uniform() * entryDays);
    const TDays = calibrationDays - 1 - firstDay;
    const endDays = TDays + (options.holdoutDays ?? 0);
    let time = 0;
    let lastDay = 0;
    let x = 0;
    let spend = 0;
    let alive = true;
    let holdoutPurchases = 0;
    let lastHoldoutDay = -1;
    for (;;) {
      time += sampleExponential(uniform, lambda) * 7;
      const day = wholeDays ? Math.floor(time) : time;
      if (day > endDays) break;
      const value = options.gammaGamma ? sampleGamma(uniform, options.gammaGamma.p, spendRate) : 0;
      const inCalibration = day <= TDays;
      if (inCalibration) {
        if (day !== lastDay) x += 1;
        lastDay = day;
        // A purchase on the first day merges into the first purchase, which is not a repeat.
        if (day > 0) spend += value;
      } else {
        if (day !== lastHoldoutDay) holdoutPurchases += 1;
        lastHoldoutDay = day;
      }
      // Drop-out follows a repeat purchase (BG/NBD assumption iii).
      if (uniform() < dropProbability) {
        if (inCalibration) alive = false;
        break;
      }
    }
    customers.push({
      id: String(i + 1),
      x,
      t_x: lastDay / 7,
      T: TDays / 7,
      mbar: x > 0 ? spend / x : 0,
      alive,
      holdoutPurchases,
    });
  }
  return customers;
}
