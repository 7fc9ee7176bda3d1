/**
 * Gamma-Gamma model of spend per purchase: Fader & Hardie (2013), "The Gamma-Gamma Model of
 * Monetary Value" (brucehardie.com note 025), originally Colombo & Jiang (1999). Each purchase
 * value z ~ Gamma(p, ν) with a customer-specific rate ν ~ Gamma(q, γ), independent of the
 * purchase process, so the mean of x purchases m̄ ~ Gamma(px, νx).
 */
import { levelsOf, type Levels } from './compact';
import { minimiseOverLogParams } from './fit-search';
import { lnGamma } from './special';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface Spend {
  /** Repeat purchases (> 0 to enter the fit). */
  x: number;
  /** Mean value of those purchases (> 0 to enter the fit). */
  mbar: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLik: number;
  converged: boolean;
  evaluations: number;
  /** Customers used (x > 0 and m̄ > 0). */
  customers: number;
}

interface CompactSpend {
  x: Float64Array;
  lnMbar: Float64Array;
  mbar: Float64Array;
  xLevels: Levels;
}

/**
 * Only customers with a repeat purchase carry information on spend per repeat purchase, and the
 * density is zero at m̄ = 0, so both are required here.
 */
function compactSpend(rows: readonly Spend[]): CompactSpend {
  const usable = rows.filter((row) => row.x > 0 && row.mbar > 0);
  for (const row of usable) {
    if (!Number.isInteger(row.x) || !Number.isFinite(row.mbar)) {
      throw new RangeError(`need whole x and finite m̄, got x=${row.x}, m̄=${row.mbar}`);
    }
  }
  const x = usable.map((row) => row.x);
  return {
    x: Float64Array.from(x),
    mbar: Float64Array.from(usable, (row) => row.mbar),
    lnMbar: Float64Array.from(usable, (row) => Math.log(row.mbar)),
    xLevels: levelsOf(x),
  };
}

/**
 * Log-likelihood over customers with x > 0, from the marginal density of m̄ (the note's
 * f(m̄_x | p, q, γ; x), after integrating ν out):
 *   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: readonly Spend[] | CompactSpend): number {
  const data = 'xLevels' in rows ? rows : compactSpend(rows);
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0 && Number.isFinite(p + q + gamma))) return NaN;
  const shared0 = -lnGamma(q) + q * Math.log(gamma);
  const perX = data.xLevels.values.map((x) => shared0 + lnGamma(p * x + q) - lnGamma(p * x) + p * x * Math.log(x));
  let sum = 0;
  for (let i = 0; i < data.x.length; i += 1) {
    const px = p * data.x[i]!;
    sum += perX[data.xLevels.index[i]!]! + (px - 1) * data.lnMbar[i]! - (px + q) * Math.log(gamma + data.mbar[i]! * data.x[i]!);
  }
  return sum;
}

/** Maximum likelihood (see fit-search.ts); start p = q = 1, γ = mean m̄. */
export function fitGammaGamma(rows: readonly Spend[]): GammaGammaFit {
  const data = compactSpend(rows);
  const n = data.x.length;
  if (n === 0) throw new RangeError('no customer with a repeat purchase of positive value');
  const meanMbar = data.mbar.reduce((s, m) => s + m, 0) / n;
  const toParams = ([p, q, gamma]: readonly number[]): GammaGammaParams => ({ p: p!, q: q!, gamma: gamma! });
  const result = minimiseOverLogParams((values) => -gammaGammaLogLikelihood(toParams(values), data) / n, [1, 1, meanMbar]);
  const params = toParams(result.values);
  return {
    params,
    logLik: gammaGammaLogLikelihood(params, data),
    converged: result.converged,
    evaluations: result.evaluations,
    customers: n,
  };
}

/**
 * E[M | p, q, γ, m̄, x] = (γ + m̄x) p / (px + q − 1): the posterior mean spend per purchase, a
 * weighted average of the population mean pγ/(q−1) and the customer's own m̄ (weight px/(px+q−1)).
 * At x = 0 it is the population mean, which is what a one-time buyer is predicted to spend.
 * Needs q > 1 (otherwise the population mean is infinite): returns NaN then.
 */
export function conditionalExpectedSpend({ p, q, gamma }: GammaGammaParams, { x, mbar }: Spend): number {
  if (!(q > 1)) return NaN;
  return ((gamma + mbar * x) * p) / (p * x + q - 1);
}
