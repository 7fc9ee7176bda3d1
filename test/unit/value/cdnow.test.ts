/**
 * Conformance with the published CDNOW results: the summaries shipped with the `lifetimes`
 * project, BG/NBD estimates from Fader, Hardie & Lee (2005) and Gamma-Gamma estimates from Fader
 * & Hardie (2013). See ../shared/datasets/cdnow/SOURCE.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bgnbdLogLikelihood, conditionalExpectedPurchases, fitBgNbd } from '../../../lib/value/bgnbd';
import { parseCdnow } from '../../../lib/value/cdnow';
import { fitGammaGamma } from '../../../lib/value/gammagamma';
import { summarisePurchases, type CustomerSummary } from '../../../lib/value/summary';
import { requireSharedSet } from '../../shared-data';
import { expectAbsolute, expectRelative } from './helpers';

const dir = requireSharedSet('datasets', 'cdnow');
const PUBLISHED_BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PUBLISHED_LOGLIK = -9582.4;
const PUBLISHED_GAMMA_GAMMA = { p: 6.25, q: 3.74, gamma: 15.44 };
// Both the published summaries and estimates are rounded: compare to their last digit.
const ROUNDED_2DP = 0.005 + 1e-9;

function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = header!.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((value, i) => [names[i]!, value])));
}

describe.skipIf(!dir)('CDNOW conformance', () => {
  const purchases = () => parseCdnow(readFileSync(join(dir!, 'CDNOW_sample.txt'), 'utf8'));
  let cached: CustomerSummary[] | undefined;
  const summaries = () => (cached ??= summarisePurchases(purchases(), '1997-09-30'));

  it('reads all 6,919 transactions of 2,357 customers', () => {
    expect(purchases()).toHaveLength(6919);
    expect(summaries()).toHaveLength(2357);
  });

  it('derives x, t_x and T equal to cdnow_customers_summary.csv for every customer', () => {
    const published = readCsv(join(dir!, 'cdnow_customers_summary.csv'));
    const byId = new Map(summaries().map((s) => [s.id, s]));
    expect(published).toHaveLength(2357);
    for (const row of published) {
      const ours = byId.get(row.ID!);
      expect(ours, `customer ${row.ID}`).toBeDefined();
      expect(ours!.x, `x of ${row.ID}`).toBe(Number(row.frequency));
      expectAbsolute(ours!.t_x, Number(row.recency), ROUNDED_2DP);
      expectAbsolute(ours!.T, Number(row.T), ROUNDED_2DP);
    }
  });

  it('derives m̄ equal to zbar in cdnow_customers_summary_with_transactions.csv for every customer', () => {
    const published = readCsv(join(dir!, 'cdnow_customers_summary_with_transactions.csv'));
    const byId = new Map(summaries().map((s) => [s.id, s]));
    expect(published.length).toBeGreaterThanOrEqual(2356);
    for (const row of published) {
      const ours = byId.get(row.ID!)!;
      expect(ours.x).toBe(Number(row.x));
      expectAbsolute(ours.mbar, Number(row.zbar), ROUNDED_2DP);
    }
    expect(summaries().filter((s) => s.x > 0)).toHaveLength(946);
  });

  it('gives log-likelihood −9582.4 at the published BG/NBD estimates', () => {
    // Independent of the optimiser: the likelihood itself, at the paper's (rounded) estimates.
    expectAbsolute(bgnbdLogLikelihood(PUBLISHED_BGNBD, summaries()), PUBLISHED_LOGLIK, 0.5);
  });

  it('fits BG/NBD to the published estimates (each within 0.5%)', () => {
    const fit = fitBgNbd(summaries());
    expect(fit.converged).toBe(true);
    expectRelative(fit.params.r, PUBLISHED_BGNBD.r, 0.005);
    expectRelative(fit.params.alpha, PUBLISHED_BGNBD.alpha, 0.005);
    expectRelative(fit.params.a, PUBLISHED_BGNBD.a, 0.005);
    expectRelative(fit.params.b, PUBLISHED_BGNBD.b, 0.005);
    expectRelative(fit.logLik, PUBLISHED_LOGLIK, 0.005);
    // A maximum: no worse than the published point.
    expect(fit.logLik).toBeGreaterThanOrEqual(bgnbdLogLikelihood(PUBLISHED_BGNBD, summaries()));
  });

  it('fits Gamma-Gamma on the 946 repeat customers to the published estimates (each within 0.5%)', () => {
    const fit = fitGammaGamma(summaries());
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expectRelative(fit.params.p, PUBLISHED_GAMMA_GAMMA.p, 0.005);
    expectRelative(fit.params.q, PUBLISHED_GAMMA_GAMMA.q, 0.005);
    expectRelative(fit.params.gamma, PUBLISHED_GAMMA_GAMMA.gamma, 0.005);
  });

  it('expects 1.226 purchases in the next 39 weeks for customer 1 (x=2, t_x=30.43, T=38.86)', () => {
    const customer1 = summaries().find((s) => s.id === '1')!;
    expect(customer1.x).toBe(2);
    const fit = fitBgNbd(summaries());
    expectAbsolute(conditionalExpectedPurchases(fit.params, 39, customer1), 1.226, 0.005);
    // And with the paper's own rounded inputs and estimates.
    expectAbsolute(conditionalExpectedPurchases(PUBLISHED_BGNBD, 39, { x: 2, t_x: 30.43, T: 38.86 }), 1.226, 0.0005);
  });
});
