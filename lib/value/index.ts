/** Public surface of the lifetime-value library; see README.md. */
export { computeValues, type ComputeValuesOptions, type CustomerValue, type ValueModel } from './model';
export { summarisePurchases, type CustomerSummary, type Purchase } from './summary';
export { parseCdnow } from './cdnow';
export { parsePurchasesCsv } from './csv';
export { PurchaseFileError, type ParseIssue } from './parse-error';
export {
  bgnbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  type BgNbdParams,
} from './bgnbd';
export { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikelihood, type GammaGammaParams } from './gammagamma';
export { predictCustomer, type CustomerPrediction } from './clv';
export { assignTiers, DEFAULT_TIER_OPTIONS, strategicSet, type Tier, type TierOptions } from './tiers';
export { simulateCustomers } from './simulate';
