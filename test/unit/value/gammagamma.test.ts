import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
} from '../../../lib/value/gammagamma';
import { simulateCustomers } from '../../../lib/value/simulate';
import { expectRelative } from './helpers';

const CDNOW: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

function simpson(f: (u: number) => number, lo: number, hi: number, n = 200_000): number {
  const h = (hi - lo) / n;
  let sum = f(lo) + f(hi);
  for (let i = 1; i < n; i += 1) sum += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}

describe('Gamma-Gamma log-likelihood', () => {
  it('is the log of a density in m̄: it integrates to 1 for each x', () => {
    for (const x of [1, 2, 7]) {
      const density = (m: number) => Math.exp(gammaGammaLogLikelihood(CDNOW, [{ x, mbar: m }]));
      // m = u/(1−u) maps (0, ∞) onto (0, 1); dm = du/(1−u)².
      const total = simpson((u) => (u <= 0 || u >= 1 ? 0 : density(u / (1 - u)) / (1 - u) ** 2), 0, 1);
      expectRelative(total, 1, 1e-6);
    }
  });

  it('ignores customers without a repeat purchase or with zero spend', () => {
    const rows = [{ x: 2, mbar: 20 }, { x: 0, mbar: 0 }, { x: 3, mbar: 0 }];
    expect(gammaGammaLogLikelihood(CDNOW, rows)).toBe(gammaGammaLogLikelihood(CDNOW, [rows[0]!]));
  });
});

describe('conditionalExpectedSpend', () => {
  it('is the posterior mean of p/ν given m̄ and x, by numerical integration', () => {
    const { p, q, gamma } = CDNOW;
    for (const [x, mbar] of [[1, 10], [2, 22.35], [8, 80]] as const) {
      // ν | m̄, x ∝ ν^(q−1) e^(−γν) · (νx)^(px) e^(−νx m̄)  (prior × Gamma(px, νx) density of m̄).
      const logKernel = (nu: number) => (q + p * x - 1) * Math.log(nu) - (gamma + x * mbar) * nu;
      const peak = (q + p * x - 1) / (gamma + x * mbar);
      const shift = logKernel(peak);
      const kernel = (nu: number) => (nu <= 0 ? 0 : Math.exp(logKernel(nu) - shift));
      const hi = peak * 40;
      const posteriorMean = simpson((nu) => (nu <= 0 ? 0 : (p / nu) * kernel(nu)), 0, hi) / simpson(kernel, 0, hi);
      expectRelative(conditionalExpectedSpend(CDNOW, { x, mbar }), posteriorMean, 1e-7);
    }
  });

  it('is the population mean pγ/(q−1) for a one-time buyer, and NaN when that mean is infinite', () => {
    expectRelative(conditionalExpectedSpend(CDNOW, { x: 0, mbar: 0 }), (CDNOW.p * CDNOW.gamma) / (CDNOW.q - 1), 1e-15);
    expect(conditionalExpectedSpend({ ...CDNOW, q: 0.9 }, { x: 2, mbar: 10 })).toBeNaN();
  });
});

describe('fitGammaGamma', () => {
  it('recovers simulated spend (likelihood-ratio test against the truth)', () => {
    const sims = simulateCustomers({
      customers: 40_000,
      bgnbd: { r: 0.8, alpha: 4, a: 0.8, b: 2.4 },
      gammaGamma: CDNOW,
      seed: 9,
      wholeDays: false,
    });
    const fit = fitGammaGamma(sims);
    expect(fit.converged).toBe(true);
    const lr = 2 * (fit.logLik - gammaGammaLogLikelihood(CDNOW, sims));
    // 16.27 is the 0.999 quantile of χ²(3).
    expect(lr).toBeGreaterThanOrEqual(0);
    expect(lr).toBeLessThan(16.27);
    const populationMean = ({ p, q, gamma }: GammaGammaParams) => (p * gamma) / (q - 1);
    expectRelative(populationMean(fit.params), populationMean(CDNOW), 0.03);
  });

  it('refuses to fit without any repeat purchase', () => {
    expect(() => fitGammaGamma([{ x: 0, mbar: 0 }])).toThrow(RangeError);
  });
});
