/**
 * Special functions the models need: log-gamma and the Gauss hypergeometric function 2F1.
 * JavaScript has neither, and both must be accurate in log space because the likelihoods are
 * sums of thousands of differences of log-gammas.
 */

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG_PI = Math.log(Math.PI);

// Lanczos approximation, g = 7, n = 9 (the widely published coefficient set); relative error in
// Γ below 1e-15 for Re(x) ≥ 1/2.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

// Stirling's series coefficients B_2k / (2k(2k−1)) for k = 1…6.
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360];
const STIRLING_FROM = 12;

/**
 * ln|Γ(x)|. Stirling's series for x ≥ 12 (truncation error < 1e-16 relative there), Lanczos
 * below, and the reflection formula Γ(x)Γ(1−x) = π / sin(πx) for x < 1/2. NaN at the poles
 * (0, −1, −2, …) and for NaN input.
 */
export function lnGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x < 0.5) {
    if (Number.isInteger(x)) return NaN;
    return LOG_PI - Math.log(Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  }
  if (x >= STIRLING_FROM) return stirling(x);
  const shifted = x - 1;
  let sum = LANCZOS[0]!;
  for (let k = 1; k < LANCZOS.length; k += 1) sum += LANCZOS[k]! / (shifted + k);
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

function stirling(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  let series = 0;
  for (let k = STIRLING.length - 1; k >= 0; k -= 1) series = series * inv2 + STIRLING[k]!;
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series * inv;
}

const SERIES_EPSILON = 1e-15;
const SERIES_MAX_TERMS = 1_000_000;
// Sums this small are zero to every caller (they add them to O(1) values); measuring the tail
// relative to them would chase subnormal rounding, where x · 0.7 can round back to x forever.
const UNDERFLOW = 1e-300;

/**
 * Gauss hypergeometric 2F1(a, b; c; z) = Σ (a)_n (b)_n / ((c)_n n!) zⁿ for |z| < 1 (the models
 * only need z ∈ [0, 1)). Summed directly with a tail bound as the stopping rule; throws rather
 * than return an unconverged value. Near z = 1 the series needs O(1/(1−z)) terms.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  checkHypergeometricArgs(c, z);
  return 1 + hypergeometricTail(a, b, c, z, (a * b * z) / c);
}

/**
 * (2F1(a, e; c; z) − 1) / e, summed without the cancellation of subtracting 1, and finite at
 * e = 0 (where it is the derivative of 2F1 in e). BG/NBD's expectations (eqs. 9–10 after Euler's
 * transformation) need exactly this when the Beta parameter a is close to 1.
 */
export function hyp2f1Reduced(a: number, e: number, c: number, z: number): number {
  checkHypergeometricArgs(c, z);
  return hypergeometricTail(a, e, c, z, (a * z) / c);
}

function checkHypergeometricArgs(c: number, z: number): void {
  if (!(Math.abs(z) < 1)) throw new RangeError(`2F1 series needs |z| < 1, got ${z}`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`2F1 is undefined for c = ${c}`);
}

/**
 * Σ_{n≥1} t_n with t_1 = first and t_{n+1} = t_n (a+n)(b+n) z / ((c+n)(n+1)): the 2F1 series
 * from its second term, up to a constant factor. Stopping rule: every later term ratio is at most
 * |z| · max(|a+m|/(m+1), 1) · max(|b+m|/(c+m), 1) evaluated at the next index m, because each
 * factor (m+u)/(m+v) is monotone in m and tends to 1; so once that bound B is below 1 the tail is
 * at most |t| B / (1 − B), and we stop when that is below SERIES_EPSILON of the sum.
 */
function hypergeometricTail(a: number, b: number, c: number, z: number, first: number): number {
  let term = first;
  let sum = first;
  const absZ = Math.abs(z);
  for (let n = 1; n < SERIES_MAX_TERMS; n += 1) {
    if (term === 0) return sum;
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    const m = n + 1;
    if (c + m > 0) {
      const bound = absZ * Math.max(Math.abs(a + m) / (m + 1), 1) * Math.max(Math.abs(b + m) / (c + m), 1);
      if (bound < 1 && (Math.abs(term) * bound) / (1 - bound) <= SERIES_EPSILON * Math.max(Math.abs(sum), UNDERFLOW)) return sum;
    }
    if (!Number.isFinite(sum)) break;
  }
  throw new RangeError(`2F1 series did not converge (a=${a}, b=${b}, c=${c}, z=${z})`);
}

/** ln(eᵃ + eᵇ) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
