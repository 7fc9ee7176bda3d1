/**
 * BG/NBD model of repeat purchasing: Fader, Hardie & Lee (2005), "Counting Your Customers the
 * Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275–284.
 * While alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each repeat purchase they
 * drop out with probability p ~ Beta(a, b). Same verbs as the `lifetimes` BetaGeoFitter: fit,
 * conditionalExpectedPurchases, probabilityAlive, expectedPurchases.
 */
import { checkRfm, compactRfm, type CompactRfm, type Rfm } from './compact';
import { minimiseOverLogParams } from './fit-search';
import { hyp2f1Reduced, lnGamma, logAddExp } from './special';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  logLik: number;
  converged: boolean;
  evaluations: number;
}

function validParams({ r, alpha, a, b }: BgNbdParams): boolean {
  return r > 0 && alpha > 0 && a > 0 && b > 0 && Number.isFinite(r + alpha + a + b);
}

/**
 * Log-likelihood, eq. (6) of the paper summed over customers:
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+T)^(r+x))
 *     + δ(x>0) · B(a+1, b+x−1)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+t_x)^(r+x)).
 * Both terms share the factor B(a, b+x)/B(a, b) · Γ(r+x) αʳ / Γ(r); the second term's ratio of
 * Betas to it is a/(b+x−1). So ln L = shared + ln(e^A₃ + δ e^A₄) with
 *   A₃ = −(r+x) ln(α+T),   A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x),
 * evaluated as a log-sum-exp so customers with large x neither overflow nor underflow.
 */
export function bgnbdLogLikelihood(params: BgNbdParams, data: CompactRfm | readonly Rfm[]): number {
  if (!validParams(params)) return NaN;
  const compact = 'xLevels' in data ? data : compactRfm(data);
  const { r, alpha, a, b } = params;
  const { x, count, xLevels, txLevels, TLevels } = compact;

  // Per distinct x: the shared term and ln a − ln(b+x−1).
  const shared0 = r * Math.log(alpha) - lnGamma(r) + lnGamma(a + b) - lnGamma(b);
  const shared = new Float64Array(xLevels.values.length);
  const lnDropTerm = new Float64Array(xLevels.values.length);
  xLevels.values.forEach((xk, k) => {
    shared[k] = shared0 + lnGamma(r + xk) + lnGamma(b + xk) - lnGamma(a + b + xk);
    lnDropTerm[k] = xk > 0 ? Math.log(a) - Math.log(b + xk - 1) : 0;
  });
  const lnAlphaT = TLevels.values.map((T) => Math.log(alpha + T));
  const lnAlphaTx = txLevels.values.map((tx) => Math.log(alpha + tx));

  let sum = 0;
  for (let i = 0; i < x.length; i += 1) {
    const k = xLevels.index[i]!;
    const rx = r + x[i]!;
    const a3 = -rx * lnAlphaT[TLevels.index[i]!]!;
    let term = a3;
    if (x[i]! > 0) {
      const a4 = lnDropTerm[k]! - rx * lnAlphaTx[txLevels.index[i]!]!;
      term = logAddExp(a3, a4);
    }
    sum += count[i]! * (shared[k]! + term);
  }
  return sum;
}

export interface BgNbdFitOptions {
  /** Start point; default r = a = b = 1 and α = max(T)/10 (lifetimes scales time the same way). */
  start?: BgNbdParams;
}

/** Maximum likelihood (see fit-search.ts) on the mean negative log-likelihood per customer. */
export function fitBgNbd(data: CompactRfm | readonly Rfm[], options: BgNbdFitOptions = {}): BgNbdFit {
  const compact = 'xLevels' in data ? data : compactRfm(data);
  if (compact.customers === 0) throw new RangeError('no customers to fit');
  const maxT = compact.TLevels.values.reduce((m, T) => Math.max(m, T), 0);
  const start = options.start ?? { r: 1, alpha: maxT > 0 ? maxT / 10 : 1, a: 1, b: 1 };
  const toParams = ([r, alpha, a, b]: readonly number[]): BgNbdParams => ({ r: r!, alpha: alpha!, a: a!, b: b! });
  const n = compact.customers;
  const result = minimiseOverLogParams(
    (values) => -bgnbdLogLikelihood(toParams(values), compact) / n,
    [start.r, start.alpha, start.a, start.b],
  );
  const params = toParams(result.values);
  return {
    params,
    logLik: bgnbdLogLikelihood(params, compact),
    converged: result.converged,
    evaluations: result.evaluations,
  };
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T+t], eq. (10):
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *   / [1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)].
 * Computed after Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z), which
 * turns the bracket into 1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z): its upper parameters no
 * longer grow with x (no huge 2F1 times a tiny power), and with ε = a−1 it becomes
 *   −expm1(ε ln(1−z))/ε − (1−z)^ε · (₂F₁(·, ε; ·; z) − 1)/ε,
 * which stays exact as a → 1, where the paper's form is 0/0.
 */
export function conditionalExpectedPurchases(params: BgNbdParams, t: number, customer: Rfm): number {
  checkRfm(customer, 'customer');
  const { alpha, a, b } = params;
  const { x, T } = customer;
  const bracket = futurePurchaseBracket(params, t, x, alpha + T);
  const denominator = 1 + (x > 0 ? Math.exp(logDeadOdds(params, customer)) : 0);
  // Never negative; for a vanishing horizon rounding alone could make it −1e-300-ish.
  return Math.max(0, ((a + b + x - 1) * bracket) / denominator);
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)): Fader, Hardie & Lee
 * (2008), "Computing P(alive) Using the BG/NBD Model" (brucehardie.com note 021); the same
 * expression is the denominator of eq. (10). A customer with no repeat purchase cannot have
 * dropped out yet (drop-out only follows a repeat purchase), so P(alive) = 1 for x = 0.
 */
export function probabilityAlive(params: BgNbdParams, customer: Rfm): number {
  checkRfm(customer, 'customer');
  if (customer.x === 0) return 1;
  return 1 / (1 + Math.exp(logDeadOdds(params, customer)));
}

/** E[X(t)]: expected repeat purchases in (0, t] for a new customer, eq. (9) (eq. 10 with x = T = 0). */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  const { a, b } = params;
  return Math.max(0, (a + b - 1) * futurePurchaseBracket(params, t, 0, params.alpha));
}

/** ln of a/(b+x−1) · ((α+T)/(α+t_x))^(r+x): the odds that a customer with x > 0 has dropped out. */
function logDeadOdds({ r, alpha, a, b }: BgNbdParams, { x, t_x, T }: Rfm): number {
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + t_x));
}

/**
 * [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (a−1), in the transformed,
 * cancellation-free form described at conditionalExpectedPurchases. `alphaT` is α+T.
 */
function futurePurchaseBracket({ r, a, b }: BgNbdParams, t: number, x: number, alphaT: number): number {
  if (!(t >= 0)) throw new RangeError(`horizon must be ≥ 0, got ${t}`);
  if (t === 0) return 0;
  const epsilon = a - 1;
  const logOneMinusZ = Math.log(alphaT) - Math.log(alphaT + t);
  const z = t / (alphaT + t);
  const powerTerm = epsilon === 0 ? -logOneMinusZ : -Math.expm1(epsilon * logOneMinusZ) / epsilon;
  const reduced = hyp2f1Reduced(a + b - 1 - r, epsilon, a + b + x - 1, z);
  return powerTerm - Math.exp(epsilon * logOneMinusZ) * reduced;
}
