import { expect } from 'vitest';

/** |actual − expected| ≤ tolerance · |expected| (relative error). */
export function expectRelative(actual: number, expected: number, tolerance: number): void {
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance * Math.abs(expected))) {
    expect.fail(`expected ${actual} to be within ${tolerance} (relative) of ${expected}; off by ${error / Math.abs(expected)}`);
  }
}

/** |actual − expected| ≤ tolerance. */
export function expectAbsolute(actual: number, expected: number, tolerance: number): void {
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance)) expect.fail(`expected ${actual} to be within ${tolerance} of ${expected}; off by ${error}`);
}
