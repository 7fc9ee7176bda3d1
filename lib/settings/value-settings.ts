/**
 * The value model's user-facing thresholds, kept in `storage.local` (they belong to this browser
 * profile, like the data they apply to). Stored values are parsed on every read: a field that is
 * missing or out of range falls back to its default on its own, so one bad field never resets the
 * others and never breaks a recompute.
 *
 * Currencies: `homeCurrency` is what tiers and analytics add amounts up in; absent, it is the
 * currency most won deals are in (so a seller who only sells in euros needs to set nothing, and
 * nobody upgrading sees their totals change), else USD. `rates` give units of the home currency
 * per one unit of each other currency; a deal in a currency without one is left out of totals.
 */
import { z } from 'zod';
import { localSetting } from './storage-key';

export const VALUE_SETTINGS_KEY = 'settings:value-model';

export const VALUE_SETTINGS_LIMITS = {
  /** Share of all value the strategic tier holds. */
  strategicShare: { min: 0.1, max: 0.99 },
  /** At risk when P(alive) falls below this. */
  atRiskMaxPAlive: { min: 0.01, max: 0.99 },
  horizonWeeks: { min: 1, max: 520 },
  /** Annual rate: 0.1 = 10% a year. */
  discountRate: { min: 0, max: 1 },
  /** Units of home per unit of another currency: wide enough for any real pair (1 IRR ≈ 0.00002 USD). */
  rate: { min: 1e-9, max: 1e9 },
  /** More rates than currencies exist would be a mistake, not a setting. */
  rates: { max: 200 },
} as const;

/** An ISO 4217 code as deals store it. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'A currency is a three-letter code, like EUR.');

export const ExchangeRates = z
  .record(CurrencyCode, z.number().finite().min(VALUE_SETTINGS_LIMITS.rate.min).max(VALUE_SETTINGS_LIMITS.rate.max))
  .refine((rates) => Object.keys(rates).length <= VALUE_SETTINGS_LIMITS.rates.max, `At most ${VALUE_SETTINGS_LIMITS.rates.max} rates.`);

export const DEFAULT_VALUE_SETTINGS = {
  strategicShare: 0.8,
  atRiskMaxPAlive: 0.5,
  horizonWeeks: 52,
  // Undiscounted by default: over the default one-year horizon discounting changes CLV by a few
  // percent at most, and a zero rate keeps "predicted value" equal to predicted spend.
  discountRate: 0,
  // No rates: every currency but the home one is left out of totals until the user gives one.
  rates: {} as Readonly<Record<string, number>>,
} as const;

const bounded = (limits: { min: number; max: number }) => z.number().min(limits.min).max(limits.max);

/** The strict shape: what the options page saves. */
export const ValueSettings = z.object({
  strategicShare: bounded(VALUE_SETTINGS_LIMITS.strategicShare),
  atRiskMaxPAlive: bounded(VALUE_SETTINGS_LIMITS.atRiskMaxPAlive),
  horizonWeeks: bounded(VALUE_SETTINGS_LIMITS.horizonWeeks).int(),
  discountRate: bounded(VALUE_SETTINGS_LIMITS.discountRate),
  /** Absent: the currency most won deals are in. */
  homeCurrency: CurrencyCode.optional(),
  rates: ExchangeRates,
});
export type ValueSettings = z.infer<typeof ValueSettings>;

/** The forgiving shape: what a read accepts (anything), field by field falling back to defaults. */
const StoredValueSettings = z
  .object({
    strategicShare: ValueSettings.shape.strategicShare.catch(DEFAULT_VALUE_SETTINGS.strategicShare),
    atRiskMaxPAlive: ValueSettings.shape.atRiskMaxPAlive.catch(DEFAULT_VALUE_SETTINGS.atRiskMaxPAlive),
    horizonWeeks: ValueSettings.shape.horizonWeeks.catch(DEFAULT_VALUE_SETTINGS.horizonWeeks),
    discountRate: ValueSettings.shape.discountRate.catch(DEFAULT_VALUE_SETTINGS.discountRate),
    homeCurrency: ValueSettings.shape.homeCurrency.catch(undefined),
    rates: ValueSettings.shape.rates.catch({}),
  })
  .transform(({ homeCurrency, ...rest }): ValueSettings => (homeCurrency === undefined ? rest : { ...rest, homeCurrency }))
  .catch({ ...DEFAULT_VALUE_SETTINGS, rates: {} });

/** Settings from whatever was stored (possibly nothing, possibly garbage). */
export function parseStoredValueSettings(stored: unknown): ValueSettings {
  return StoredValueSettings.parse(stored ?? {});
}

/**
 * Read forgivingly; saved strictly (values outside the limits throw: the form validates first);
 * watched for changes from the options page or another window.
 */
export const {
  read: readValueSettings,
  save: saveValueSettings,
  onChanged: onValueSettingsChanged,
} = localSetting(VALUE_SETTINGS_KEY, parseStoredValueSettings, (settings) => ValueSettings.parse(settings));

/** A stable string of the settings: recompute results are stamped with it. */
export function valueSettingsKey(settings: ValueSettings): string {
  const rates = Object.entries(settings.rates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    settings.strategicShare,
    settings.atRiskMaxPAlive,
    settings.horizonWeeks,
    settings.discountRate,
    settings.homeCurrency ?? null,
    rates,
  ]);
}
