/**
 * Nelder-Mead simplex minimiser (Nelder & Mead 1965; the standard coefficients: reflection 1,
 * expansion 2, contraction ½, shrink ½). Derivative-free, so the likelihoods need no gradients,
 * and fully deterministic: the start simplex is built from fixed steps, never from random draws.
 * A restart from the best point with a fresh full-size simplex guards against the simplex
 * collapsing onto a ridge before reaching the optimum (Rosenbrock's valley is the classic case).
 */

export interface NelderMeadOptions {
  /** Size of the start simplex along each axis (default 0.5, or per axis). */
  step?: number | readonly number[];
  /** Stop when the simplex spans less than this in every coordinate (default 1e-8)… */
  xTolerance?: number;
  /** …and its function values differ by less than this, scaled by |f| + 1 (default 1e-12). */
  fTolerance?: number;
  /** Iteration budget per run (default 5000). */
  maxIterations?: number;
  /** Extra runs from the best point so far; stops early when a run no longer improves (default 4). */
  restarts?: number;
  /** Function evaluations allowed over all runs together (default unlimited). */
  maxEvaluations?: number;
}

export interface MinimizeResult {
  x: number[];
  fx: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const restarts = options.restarts ?? 4;
  const fTolerance = options.fTolerance ?? 1e-12;
  const budget = options.maxEvaluations ?? Infinity;
  let total = { iterations: 0, evaluations: 0 };
  let best = runSimplex(f, start, options, budget);
  total = add(total, best);
  for (let i = 0; i < restarts && total.evaluations < budget; i += 1) {
    const next = runSimplex(f, best.x, options, budget - total.evaluations);
    total = add(total, next);
    const improved = best.fx - next.fx;
    if (next.fx <= best.fx) best = next;
    if (!(improved > fTolerance * (Math.abs(best.fx) + 1))) break;
  }
  return { ...best, ...total };
}

function add(total: { iterations: number; evaluations: number }, run: MinimizeResult) {
  return { iterations: total.iterations + run.iterations, evaluations: total.evaluations + run.evaluations };
}

function runSimplex(
  objective: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions,
  maxEvaluations: number,
): MinimizeResult {
  const n = start.length;
  const xTolerance = options.xTolerance ?? 1e-8;
  const fTolerance = options.fTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 5000;
  let evaluations = 0;
  // A NaN or infinite value (parameters outside the model's domain) counts as +∞, so the simplex
  // simply moves away from it.
  const f = (x: readonly number[]): number => {
    evaluations += 1;
    const value = objective(x);
    return Number.isFinite(value) ? value : Infinity;
  };
  const stepFor = (i: number): number => {
    const step = options.step ?? 0.5;
    return typeof step === 'number' ? step : (step[i] ?? 0.5);
  };

  const points: number[][] = [start.slice()];
  for (let i = 0; i < n; i += 1) {
    const point = start.slice();
    point[i] = point[i]! + stepFor(i);
    points.push(point);
  }
  const values = points.map(f);
  const order = points.map((_, i) => i);

  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && evaluations < maxEvaluations; iterations += 1) {
    order.sort((i, j) => values[i]! - values[j]!);
    const bestIndex = order[0]!;
    const worstIndex = order[n]!;
    if (hasConverged(points, values, order, xTolerance, fTolerance)) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k += 1) {
      const point = points[order[k]!]!;
      for (let i = 0; i < n; i += 1) centroid[i]! += point[i]! / n;
    }
    const worst = points[worstIndex]!;
    const along = (t: number): number[] => centroid.map((c, i) => c + t * (c - worst[i]!));
    const reflected = along(1);
    const fReflected = f(reflected);
    const fBest = values[bestIndex]!;
    const fSecondWorst = values[order[n - 1]!]!;
    const fWorst = values[worstIndex]!;
    if (fReflected < fBest) {
      const expanded = along(2);
      const fExpanded = f(expanded);
      replace(worstIndex, fExpanded < fReflected ? expanded : reflected, Math.min(fExpanded, fReflected));
    } else if (fReflected < fSecondWorst) {
      replace(worstIndex, reflected, fReflected);
    } else {
      // Contract towards the better of the reflected and worst points.
      const outside = fReflected < fWorst;
      const contracted = along(outside ? 0.5 : -0.5);
      const fContracted = f(contracted);
      if (fContracted < (outside ? fReflected : fWorst)) replace(worstIndex, contracted, fContracted);
      else shrinkTowards(bestIndex);
    }
  }
  order.sort((i, j) => values[i]! - values[j]!);
  const bestIndex = order[0]!;
  return { x: points[bestIndex]!.slice(), fx: values[bestIndex]!, converged, iterations, evaluations };

  function replace(index: number, point: number[], value: number): void {
    points[index] = point;
    values[index] = value;
  }

  function shrinkTowards(bestIndex: number): void {
    const best = points[bestIndex]!;
    for (let k = 0; k <= n; k += 1) {
      if (k === bestIndex) continue;
      points[k] = points[k]!.map((v, i) => best[i]! + 0.5 * (v - best[i]!));
      values[k] = f(points[k]!);
    }
  }
}

function hasConverged(
  points: readonly number[][],
  values: readonly number[],
  order: readonly number[],
  xTolerance: number,
  fTolerance: number,
): boolean {
  const fBest = values[order[0]!]!;
  const fWorst = values[order[order.length - 1]!]!;
  if (!(fWorst - fBest <= fTolerance * (Math.abs(fBest) + 1))) return false;
  const best = points[order[0]!]!;
  return points.every((point) => point.every((v, i) => Math.abs(v - best[i]!) <= xTolerance));
}
