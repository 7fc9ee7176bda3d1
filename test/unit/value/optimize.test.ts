import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../lib/value/optimize';

const rosenbrock = ([x, y]: readonly number[]): number => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2;

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.fx).toBeLessThan(1e-12);
  });

  it('finds the minimum of a 4-D Rosenbrock function', () => {
    const f = (x: readonly number[]): number =>
      x.slice(0, -1).reduce((sum, xi, i) => sum + 100 * (x[i + 1]! - xi * xi) ** 2 + (1 - xi) ** 2, 0);
    const result = nelderMead(f, [-1, 1, -1, 1]);
    for (const xi of result.x) expect(xi).toBeCloseTo(1, 5);
  });

  it('is deterministic', () => {
    expect(nelderMead(rosenbrock, [3, -2])).toEqual(nelderMead(rosenbrock, [3, -2]));
  });

  it('treats NaN and infinite values as +∞ and stays in the valid region', () => {
    // Minimum of (x−2)² over x > 0; outside, the function is NaN.
    const result = nelderMead(([x]) => (x! > 0 ? (x! - 2) ** 2 : NaN), [0.1], { step: 1 });
    expect(result.x[0]).toBeCloseTo(2, 6);
  });

  it('stops at its evaluation budget, across restarts, when the minimum is at infinity', () => {
    // Decreasing forever along x = y: a ridge the simplex would follow without end.
    const result = nelderMead(([x, y]) => (x! - y!) ** 2 - Math.log1p(Math.exp(x!)), [0, 0], { maxEvaluations: 200 });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(200 + 4);
  });

  it('reports non-convergence when the iteration budget runs out', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5, restarts: 0 });
    expect(result.converged).toBe(false);
  });
});
