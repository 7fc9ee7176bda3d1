import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hyp2f1, hyp2f1Reduced, lnGamma, logAddExp } from '../../../lib/value/special';
import { expectAbsolute, expectRelative } from './helpers';

describe('lnGamma', () => {
  it('matches known values', () => {
    expectRelative(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
    expectRelative(lnGamma(10), Math.log(362880), 1e-14);
    expectRelative(lnGamma(100), 359.1342053695754, 1e-14);
    expectAbsolute(lnGamma(1), 0, 1e-15);
    expectAbsolute(lnGamma(2), 0, 1e-15);
    // lnΓ(x) = −ln x − γx + O(x²) near 0, with γ the Euler–Mascheroni constant.
    expectRelative(lnGamma(1e-8), -Math.log(1e-8) - 0.5772156649015329e-8, 1e-13);
    // Γ(1/3) = 2.6789385347077476…
    expectRelative(lnGamma(1 / 3), Math.log(2.678938534707747), 1e-14);
  });

  it('equals ln((n−1)!) for every whole n up to 170', () => {
    let logFactorial = 0;
    for (let n = 1; n <= 170; n += 1) {
      if (n > 1) logFactorial += Math.log(n - 1);
      if (n <= 2) expectAbsolute(lnGamma(n), 0, 1e-15);
      else expectRelative(lnGamma(n), logFactorial, 1e-13);
    }
  });

  it('satisfies the recurrence lnΓ(x+1) − lnΓ(x) = ln x', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e4, noNaN: true }), (x) => {
        const difference = lnGamma(x + 1) - lnGamma(x);
        const scale = Math.max(1, Math.abs(lnGamma(x)));
        expectAbsolute(difference, Math.log(x), 1e-13 * scale);
      }),
    );
  });

  it('satisfies the duplication formula and the reflection formula', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 500, noNaN: true }), (x) => {
        const expected = (2 * x - 1) * Math.LN2 - 0.5 * Math.log(Math.PI) + lnGamma(x) + lnGamma(x + 0.5);
        expectAbsolute(lnGamma(2 * x), expected, 1e-12 * Math.max(1, Math.abs(expected)));
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), (x) => {
        expectAbsolute(lnGamma(x) + lnGamma(1 - x), Math.log(Math.PI / Math.sin(Math.PI * x)), 1e-13);
      }),
    );
  });

  it('is NaN at the poles', () => {
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(-3)).toBeNaN();
  });
});

describe('hyp2f1', () => {
  const zs = [0, 1e-6, 0.1, 0.5, 0.9, 0.99];

  it('matches 2F1(1,1;2;z) = −ln(1−z)/z', () => {
    for (const z of zs.filter((z) => z > 0)) expectRelative(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, 1e-13);
  });

  it('matches 2F1(a,b;b;z) = (1−z)^−a', () => {
    for (const z of zs) {
      for (const [a, b] of [[0.3, 2.1], [2.5, 0.7], [-1.7, 3.2], [50, 4]] as const) {
        const expected = Math.pow(1 - z, -a);
        // For a < 0 near z = 1 the terms are O(1) and cancel to a tiny sum: the direct series is
        // accurate to ~1e-15 absolute there, not relative.
        expectAbsolute(hyp2f1(a, b, b, z), expected, 1e-12 * Math.max(1, expected));
      }
    }
  });

  it('matches the arcsine and artanh forms', () => {
    for (const w of [0.1, 0.5, 0.9, 0.995]) {
      expectRelative(hyp2f1(0.5, 0.5, 1.5, w * w), Math.asin(w) / w, 1e-13);
      expectRelative(hyp2f1(0.5, 1, 1.5, w * w), Math.atanh(w) / w, 1e-12);
    }
  });

  it('terminates as a polynomial when a is a negative integer', () => {
    const [b, c, z] = [1.7, 2.9, 0.8];
    expectRelative(hyp2f1(-2, b, c, z), 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 1e-14);
  });

  it('rejects z outside the unit disc and poles of c', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
  });
});

describe('hyp2f1Reduced', () => {
  it('equals (2F1(a,e;c;z) − 1)/e away from e = 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 5, noNaN: true }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 0.2, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (a, e, c, z) => {
          const direct = (hyp2f1(a, e, c, z) - 1) / e;
          expectAbsolute(hyp2f1Reduced(a, e, c, z), direct, 1e-10 * Math.max(1, Math.abs(direct)));
        },
      ),
    );
  });

  it('is the e-derivative at e = 0: for a = c it is Σ zⁿ/n = −ln(1−z)', () => {
    for (const z of [0.01, 0.3, 0.9, 0.999]) {
      expectRelative(hyp2f1Reduced(2.5, 0, 2.5, z), -Math.log1p(-z), 1e-12);
      expectRelative(hyp2f1Reduced(2.5, 1e-12, 2.5, z), -Math.log1p(-z), 1e-10);
    }
  });
});

describe('logAddExp', () => {
  it('adds in log space without overflow', () => {
    expectRelative(logAddExp(Math.log(2), Math.log(3)), Math.log(5), 1e-15);
    expectRelative(logAddExp(1000, 1000), 1000 + Math.LN2, 1e-15);
    expect(logAddExp(-Infinity, 3)).toBe(3);
  });
});
