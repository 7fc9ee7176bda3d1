/**
 * How the model fits search: maximum likelihood over log-parameters, so every trial point is a
 * valid (positive) parameter vector, by Nelder-Mead with restarts.
 *
 * When the data do not identify a parameter, the likelihood keeps improving as it runs off to 0
 * or ∞. The box |ln θ| ≤ 20 walls that off, so such a fit ends quickly at the wall, where
 * `model.ts` reports it, instead of wandering for tens of thousands of evaluations; the evaluation
 * budget bounds the work on any data (e.g. a and b creeping to ∞ together along a ridge).
 */
import { nelderMead } from './optimize';

const LOG_PARAM_BOX = 20;
// A well-posed fit takes ~600 evaluations (CDNOW, 100k synthetic customers); one that needs
// several times that is crawling along a ridge and is reported as not converged.
const SEARCH = { maxIterations: 3000, restarts: 3, maxEvaluations: 4000 } as const;

export interface LogParamFit {
  values: number[];
  converged: boolean;
  evaluations: number;
}

/** Minimise `objective` (of positive parameters) from `start`, searching over their logs. */
export function minimiseOverLogParams(objective: (values: number[]) => number, start: readonly number[]): LogParamFit {
  const result = nelderMead(
    (theta) => (theta.every((t) => Math.abs(t) <= LOG_PARAM_BOX) ? objective(theta.map(Math.exp)) : Infinity),
    start.map(Math.log),
    SEARCH,
  );
  return { values: result.x.map(Math.exp), converged: result.converged, evaluations: result.evaluations };
}
