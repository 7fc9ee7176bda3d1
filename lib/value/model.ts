/**
 * One entry point for the app and the CLI: purchases → fitted BG/NBD + Gamma-Gamma → per-customer
 * predictions and tiers. When the data cannot support a fit, the result says why and carries no
 * model numbers at all (null, not a guess): customers are then ranked by what they actually spent
 * and how recently, and tiered on that.
 */
import { fitBgNbd, type BgNbdParams } from './bgnbd';
import { predictPurchases, withSpend, type CustomerPrediction, type PurchasePrediction } from './clv';
import { fitGammaGamma, type GammaGammaParams } from './gammagamma';
import { formatDay, toDayNumber } from './days';
import { summarisePurchases, type CustomerSummary, type Purchase } from './summary';
import { assignTiers, type Tier, type TierInput, type TierOptions } from './tiers';

export interface ComputeValuesOptions {
  calibrationEnd: Date | string;
  horizonWeeks: number;
  /** Annual discount rate for CLV (default 0). */
  discountRate?: number;
  tierOptions?: Partial<TierOptions>;
  /** Contacts to list even without a purchase; they become prospects. */
  contactIds?: readonly string[];
  /** Fewest customers with a repeat purchase to attempt a fit (default 30). */
  minRepeatCustomers?: number;
}

export interface CustomerValue {
  id: string;
  /** Calibration summary; null for contacts with no purchase by the calibration end. */
  x: number | null;
  t_x: number | null;
  T: number | null;
  mbar: number | null;
  historical: number;
  /** Model outputs; null whenever the model is not fitted. */
  expectedPurchases: number | null;
  pAlive: number | null;
  expectedSpend: number | null;
  clv: number | null;
  tier: Tier;
  atRisk: boolean;
  explanation: string;
  /** 1 = most valuable. */
  rank: number;
}

export interface ValueModel {
  fitted: boolean;
  reason?: string;
  bgnbd?: BgNbdParams & { logLik: number };
  gammaGamma?: GammaGammaParams & { logLik: number; customers: number };
  customers: CustomerValue[];
}

/**
 * Fewest customers with a repeat purchase (two or more purchase days) before a fit is attempted:
 * the app never overrides it, so the UI quotes it as what predictions need.
 */
export const MIN_REPEAT_CUSTOMERS = 30;
// A log-parameter beyond ±ln(1e8) means the optimiser ran off towards a boundary of the parameter
// space (the search itself stops at ±20, see fit-search.ts): the data do not identify that
// parameter, so the model's predictions would be arbitrary.
const MAX_ABS_LOG_PARAM = Math.log(1e8);

interface Fitted {
  bgnbd: NonNullable<ValueModel['bgnbd']>;
  gammaGamma: NonNullable<ValueModel['gammaGamma']>;
  predictions: CustomerPrediction[];
}

export function computeValues(purchases: readonly Purchase[], options: ComputeValuesOptions): ValueModel {
  const { horizonWeeks, discountRate = 0 } = options;
  // Bad options are the caller's bug, not a property of the data: throw rather than fall back.
  if (!(horizonWeeks >= 0 && Number.isFinite(horizonWeeks))) throw new RangeError(`horizonWeeks must be ≥ 0, got ${horizonWeeks}`);
  if (!(discountRate >= 0 && Number.isFinite(discountRate))) throw new RangeError(`discountRate must be ≥ 0, got ${discountRate}`);
  const summaries = summarisePurchases(purchases, options.calibrationEnd);
  const fit = tryFit(summaries, options);
  const predictions = 'reason' in fit ? null : fit.predictions;

  const summarised = new Set(summaries.map((s) => s.id));
  const everPurchased = new Set(purchases.map((p) => p.customerId));
  const withoutPurchase = [...new Set([...everPurchased, ...(options.contactIds ?? [])])].filter((id) => !summarised.has(id));
  const tierInputs = [
    ...summaries.map((s, i) => purchaserTierInput(s, predictions?.[i] ?? null)),
    ...withoutPurchase.map(prospectTierInput),
  ];
  const tiers = assignTiers(tierInputs, options.tierOptions);
  const endLabel = formatDay(toDayNumber(options.calibrationEnd));

  const customers = tierInputs.map((input, i): CustomerValue => {
    const tier = tiers[i]!;
    const summary: CustomerSummary | undefined = summaries[i];
    const prediction = summary ? (predictions?.[i] ?? null) : null;
    return {
      id: input.id,
      x: summary?.x ?? null,
      t_x: summary?.t_x ?? null,
      T: summary?.T ?? null,
      mbar: summary?.mbar ?? null,
      historical: input.historical,
      expectedPurchases: prediction?.expectedPurchases ?? null,
      pAlive: prediction?.pAlive ?? null,
      expectedSpend: prediction?.expectedSpend ?? null,
      clv: prediction?.clv ?? null,
      tier: tier.tier,
      atRisk: tier.atRisk,
      explanation:
        !summary && everPurchased.has(input.id) ? `no purchase by ${endLabel} (first purchase is later)` : tier.explanation,
      rank: 0,
    };
  });
  rankCustomers(customers, tierInputs);

  if ('reason' in fit) return { fitted: false, reason: fit.reason, customers };
  return { fitted: true, bgnbd: fit.bgnbd, gammaGamma: fit.gammaGamma, customers };
}

function purchaserTierInput(summary: CustomerSummary, prediction: CustomerPrediction | null): TierInput {
  return {
    id: summary.id,
    purchased: true,
    historical: summary.historical,
    predicted: prediction?.clv ?? null,
    pAlive: prediction?.pAlive ?? null,
    weeksSinceLastPurchase: summary.T - summary.t_x,
    meanGapWeeks: summary.x > 0 ? summary.t_x / summary.x : null,
  };
}

function prospectTierInput(id: string): TierInput {
  return { id, purchased: false, historical: 0, predicted: null, pAlive: null, weeksSinceLastPurchase: null, meanGapWeeks: null };
}

function tryFit(summaries: readonly CustomerSummary[], options: ComputeValuesOptions): Fitted | { reason: string } {
  const minRepeat = options.minRepeatCustomers ?? MIN_REPEAT_CUSTOMERS;
  const repeaters = summaries.filter((s) => s.x > 0).length;
  if (repeaters < minRepeat) {
    return { reason: `only ${repeaters} customer${repeaters === 1 ? '' : 's'} with a repeat purchase; the model needs at least ${minRepeat}` };
  }
  try {
    return fitAndPredict(summaries, options);
  } catch (error) {
    // A special-function series that fails to converge lands here: report it, show no numbers.
    return { reason: `model could not be evaluated: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function fitAndPredict(summaries: readonly CustomerSummary[], options: ComputeValuesOptions): Fitted | { reason: string } {
  const bg = fitBgNbd(summaries);
  const bgProblem = paramProblem('BG/NBD', bg.converged, { ...bg.params, logLik: bg.logLik });
  if (bgProblem) return { reason: bgProblem };
  const gg = fitGammaGamma(summaries);
  const ggProblem = paramProblem('Gamma-Gamma', gg.converged, { ...gg.params, logLik: gg.logLik });
  if (ggProblem) return { reason: ggProblem };
  if (!(gg.params.q > 1)) {
    return { reason: `Gamma-Gamma q = ${gg.params.q.toPrecision(3)} ≤ 1: mean spend per purchase is not finite` };
  }
  // Customers with the same (x, t_x, T) get the same purchase forecast; with whole-day data that
  // is most one-time buyers, and a discounted forecast costs one eq. (10) per week.
  const forecasts = new Map<string, PurchasePrediction>();
  const clvOptions = { horizonWeeks: options.horizonWeeks, discountRate: options.discountRate };
  const predictions = summaries.map((s) => {
    const key = `${s.x},${s.t_x},${s.T}`;
    let forecast = forecasts.get(key);
    if (!forecast) {
      forecast = predictPurchases(bg.params, s, clvOptions);
      forecasts.set(key, forecast);
    }
    return withSpend(forecast, gg.params, s);
  });
  const bad = predictions.findIndex((p) => ![p.expectedPurchases, p.pAlive, p.expectedSpend, p.clv].every(Number.isFinite));
  if (bad >= 0) return { reason: `predictions are not finite (customer ${summaries[bad]!.id})` };
  return {
    bgnbd: { ...bg.params, logLik: bg.logLik },
    gammaGamma: { ...gg.params, logLik: gg.logLik, customers: gg.customers },
    predictions,
  };
}

function paramProblem(model: string, converged: boolean, values: Record<string, number>): string | null {
  if (!converged) return `${model} fit did not converge: the data do not pin down its parameters`;
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isFinite(value)) return `${model} ${name} is not finite`;
    if (name !== 'logLik' && Math.abs(Math.log(value)) > MAX_ABS_LOG_PARAM) {
      return `${model} ${name} = ${value.toPrecision(3)} is at a boundary: the data cannot pin it down`;
    }
  }
  return null;
}

/**
 * Rank 1 = most valuable. Fitted: by spent + predicted. Not fitted: by spent, then the more
 * recent last purchase. Prospects last; ties by id so the order is stable.
 */
function rankCustomers(customers: CustomerValue[], inputs: readonly TierInput[]): void {
  const key = (i: number) => {
    const c = customers[i]!;
    return {
      purchased: inputs[i]!.purchased ? 0 : 1,
      value: c.historical + (c.clv ?? 0),
      since: inputs[i]!.weeksSinceLastPurchase ?? Infinity,
    };
  };
  const order = customers.map((_, i) => i);
  order.sort((i, j) => {
    const p = key(i);
    const q = key(j);
    return p.purchased - q.purchased || q.value - p.value || p.since - q.since || compareIds(customers[i]!.id, customers[j]!.id);
  });
  order.forEach((index, position) => {
    customers[index]!.rank = position + 1;
  });
  customers.sort((p, q) => p.rank - q.rank);
}

function compareIds(p: string, q: string): number {
  return p < q ? -1 : p > q ? 1 : 0;
}
