import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  type BgNbdParams,
} from '../../../lib/value/bgnbd';
import { simulateCustomers } from '../../../lib/value/simulate';
import { hyp2f1 } from '../../../lib/value/special';
import { expectAbsolute, expectRelative } from './helpers';

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Composite Simpson's rule on [lo, hi] with n (even) intervals. */
function simpson(f: (u: number) => number, lo: number, hi: number, n = 20_000): number {
  const h = (hi - lo) / n;
  let sum = f(lo) + f(hi);
  for (let i = 1; i < n; i += 1) sum += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (sum * h) / 3;
}

/**
 * The likelihood of one customer by numerical integration of the individual-level likelihood,
 * eq. (3) of the paper, L(λ, p) = (1−p)^x λ^x e^(−λT) + δ(x>0) p (1−p)^(x−1) λ^x e^(−λ t_x),
 * over λ ~ Gamma(r, α) and p ~ Beta(a, b), with every normalising constant integrated too:
 * nothing here shares code or algebra with eq. (6).
 */
function likelihoodByQuadrature({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  const gammaDensity = (l: number) => Math.pow(l, r - 1) * Math.exp(-alpha * l);
  const betaDensity = (p: number) => Math.pow(p, a - 1) * Math.pow(1 - p, b - 1);
  const lambdaMax = (r + x + 80) / alpha;
  const gammaNorm = simpson(gammaDensity, 0, lambdaMax);
  const betaNorm = simpson(betaDensity, 0, 1);
  const lambdaMean = (s: number) => simpson((l) => gammaDensity(l) * Math.pow(l, x) * Math.exp(-l * s), 0, lambdaMax) / gammaNorm;
  const pMean = (g: (p: number) => number) => simpson((p) => betaDensity(p) * g(p), 0, 1) / betaNorm;
  const alive = pMean((p) => Math.pow(1 - p, x)) * lambdaMean(T);
  const dead = x > 0 ? pMean((p) => p * Math.pow(1 - p, x - 1)) * lambdaMean(tx) : 0;
  return alive + dead;
}

/** Eq. (10) exactly as printed in the paper, with the plain 2F1 series (needs a ≠ 1). */
function eq10AsPrinted({ r, alpha, a, b }: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const z = t / (alpha + T + t);
  const bracket = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return (((a + b + x - 1) / (a - 1)) * bracket) / denominator;
}

const params = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
  a: fc.double({ min: 0.1, max: 5, noNaN: true }),
  b: fc.double({ min: 0.1, max: 10, noNaN: true }),
});
const customer = fc
  .record({
    x: fc.integer({ min: 0, max: 60 }),
    T: fc.double({ min: 0, max: 80, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ x, T, share }) => ({ x, T, t_x: x === 0 ? 0 : share * T }));

describe('BG/NBD log-likelihood (eq. 6)', () => {
  it('equals the numerically integrated individual likelihood (eq. 3)', () => {
    const rows = [[0, 0, 5], [1, 2.5, 6], [4, 10, 12], [10, 20.3, 30]] as const;
    // Whole r and a keep the integrands smooth at 0, where Simpson's rule is then very accurate…
    const smooth = { r: 2, alpha: 2.5, a: 2, b: 3.5 };
    for (const [x, tx, T] of rows) {
      expectRelative(bgnbdLogLikelihood(smooth, [{ x, t_x: tx, T }]), Math.log(likelihoodByQuadrature(smooth, x, tx, T)), 1e-9);
    }
    // …fractional ones put a cusp there, which limits the quadrature, not the formula, to ~1e-5.
    const rough = { r: 1.7, alpha: 2.5, a: 1.4, b: 3.2 };
    for (const [x, tx, T] of rows) {
      expectRelative(bgnbdLogLikelihood(rough, [{ x, t_x: tx, T }]), Math.log(likelihoodByQuadrature(rough, x, tx, T)), 1e-4);
    }
  });

  it('sums over customers and is unchanged by grouping identical rows', () => {
    const rows = [{ x: 2, t_x: 3, T: 9 }, { x: 0, t_x: 0, T: 9 }, { x: 2, t_x: 3, T: 9 }];
    const one = (row: (typeof rows)[number]) => bgnbdLogLikelihood(CDNOW, [row]);
    expectRelative(bgnbdLogLikelihood(CDNOW, rows), one(rows[0]!) + one(rows[1]!) + one(rows[2]!), 1e-14);
  });

  it('stays finite for very heavy buyers', () => {
    expect(Number.isFinite(bgnbdLogLikelihood(CDNOW, [{ x: 5000, t_x: 50, T: 52 }]))).toBe(true);
  });
});

describe('conditionalExpectedPurchases (eq. 10)', () => {
  it('agrees with eq. (10) as printed', () => {
    fc.assert(
      fc.property(params, customer, fc.double({ min: 0, max: 100, noNaN: true }), (p, c, t) => {
        fc.pre(Math.abs(p.a - 1) > 0.05 && p.a + p.b + c.x - 1 > 0.05);
        const expected = eq10AsPrinted(p, t, c.x, c.t_x, c.T);
        expectAbsolute(conditionalExpectedPurchases(p, t, c), expected, 1e-8 * Math.max(1, Math.abs(expected)));
      }),
    );
  });

  it('is continuous through a = 1, where eq. (10) as printed is 0/0', () => {
    const c = { x: 3, t_x: 20, T: 30 };
    const at = (a: number) => conditionalExpectedPurchases({ ...CDNOW, a }, 39, c);
    const mid = (at(1 - 1e-6) + at(1 + 1e-6)) / 2;
    expectRelative(at(1), mid, 1e-9);
  });

  it('is non-decreasing in the horizon', () => {
    fc.assert(
      fc.property(params, customer, fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), (p, c, t1, t2) => {
        const [short, long] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const eShort = conditionalExpectedPurchases(p, short, c);
        const eLong = conditionalExpectedPurchases(p, long, c);
        expect(eShort).toBeGreaterThanOrEqual(0);
        expect(eLong).toBeGreaterThanOrEqual(eShort - 1e-10 * Math.max(1, eShort));
      }),
    );
  });

  it('matches what simulated customers actually buy after calibration', () => {
    // Σ E[Y_i | data_i] = E[Σ Y_i] under the true parameters, so the standardised difference
    // between prediction and simulated holdout purchases must look like a standard normal.
    const sims = simulateCustomers({ customers: 40_000, bgnbd: CDNOW, seed: 7, wholeDays: false, holdoutDays: 39 * 7 });
    let diff = 0;
    let squares = 0;
    for (const s of sims) {
      const d = s.holdoutPurchases - conditionalExpectedPurchases(CDNOW, 39, s);
      diff += d;
      squares += d * d;
    }
    expect(Math.abs(diff / Math.sqrt(squares))).toBeLessThan(4);
  });
});

describe('probabilityAlive', () => {
  it('is a probability, 1 without a repeat purchase, and falls with time since the last purchase', () => {
    fc.assert(
      fc.property(params, customer, fc.double({ min: 0, max: 50, noNaN: true }), (p, c, later) => {
        const alive = probabilityAlive(p, c);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        if (c.x === 0) expect(alive).toBe(1);
        expect(probabilityAlive(p, { ...c, T: c.T + later })).toBeLessThanOrEqual(alive);
      }),
    );
  });

  it('is calibrated on simulated customers: Σ P(alive) ≈ number alive', () => {
    const sims = simulateCustomers({ customers: 40_000, bgnbd: CDNOW, seed: 11, wholeDays: false });
    let diff = 0;
    let variance = 0;
    for (const s of sims) {
      const p = probabilityAlive(CDNOW, s);
      diff += (s.alive ? 1 : 0) - p;
      variance += p * (1 - p);
    }
    expect(Math.abs(diff / Math.sqrt(variance))).toBeLessThan(4);
  });
});

describe('expectedPurchases (eq. 9)', () => {
  it('is eq. (10) for a customer with x = 0 observed for no time', () => {
    expectRelative(expectedPurchases(CDNOW, 39), conditionalExpectedPurchases(CDNOW, 39, { x: 0, t_x: 0, T: 0 }), 1e-14);
  });

  it('matches the mean repeat purchases of simulated new customers', () => {
    const weeks = 39;
    const sims = simulateCustomers({ customers: 100_000, bgnbd: CDNOW, seed: 3, wholeDays: false, entryDays: 1, calibrationDays: weeks * 7 + 1 });
    const mean = sims.reduce((s, c) => s + c.x, 0) / sims.length;
    const sd = Math.sqrt(sims.reduce((s, c) => s + (c.x - mean) ** 2, 0) / (sims.length - 1));
    const predicted = expectedPurchases(CDNOW, weeks);
    expect(Math.abs(mean - predicted) / (sd / Math.sqrt(sims.length))).toBeLessThan(4);
  });
});

describe('fitBgNbd', () => {
  it('recovers the parameters of simulated data (likelihood-ratio test against the truth)', () => {
    const truth = { r: 0.5, alpha: 6, a: 1.2, b: 3 };
    const sims = simulateCustomers({ customers: 30_000, bgnbd: truth, seed: 5, wholeDays: false });
    const fit = fitBgNbd(sims);
    expect(fit.converged).toBe(true);
    const lr = 2 * (fit.logLik - bgnbdLogLikelihood(truth, sims));
    // The MLE is at least as likely as the truth, and 2·ΔlogL ~ χ²(4): 18.47 is its 0.999 quantile.
    expect(lr).toBeGreaterThanOrEqual(0);
    expect(lr).toBeLessThan(18.47);
    // Well-identified combinations: mean purchase rate r/α and mean drop-out probability a/(a+b).
    expectRelative(fit.params.r / fit.params.alpha, truth.r / truth.alpha, 0.05);
    expectRelative(fit.params.a / (fit.params.a + fit.params.b), truth.a / (truth.a + truth.b), 0.05);
  });

  it('fits 100,000 whole-day customers quickly', () => {
    const sims = simulateCustomers({ customers: 100_000, bgnbd: CDNOW, seed: 42 });
    const started = performance.now();
    const fit = fitBgNbd(sims);
    const ms = performance.now() - started;
    console.info(`BG/NBD fit on 100,000 synthetic customers: ${ms.toFixed(0)} ms`);
    expect(fit.converged).toBe(true);
    // Generous: the target is ≤ 2 s on a quiet machine; this only catches an accidental O(n²).
    expect(ms).toBeLessThan(15_000);
  });
});
