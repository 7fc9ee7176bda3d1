/**
 * The value model's user-facing thresholds, kept in `storage.local` (they belong to this browser
 * profile, like the data they apply to). Stored values are parsed on every read: a field that is
 * missing or out of range falls back to its default on its own, so one bad field never resets the
 * others and never breaks a recompute.
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
} as const;

export const DEFAULT_VALUE_SETTINGS = {
  strategicShare: 0.8,
  atRiskMaxPAlive: 0.5,
  horizonWeeks: 52,
  // Undiscounted by default: over the default one-year horizon discounting changes CLV by a few
  // percent at most, and a zero rate keeps "predicted value" equal to predicted spend.
  discountRate: 0,
} as const;

const bounded = (limits: { min: number; max: number }) => z.number().min(limits.min).max(limits.max);

/** The strict shape: what the options page saves. */
export const ValueSettings = z.object({
  strategicShare: bounded(VALUE_SETTINGS_LIMITS.strategicShare),
  atRiskMaxPAlive: bounded(VALUE_SETTINGS_LIMITS.atRiskMaxPAlive),
  horizonWeeks: bounded(VALUE_SETTINGS_LIMITS.horizonWeeks).int(),
  discountRate: bounded(VALUE_SETTINGS_LIMITS.discountRate),
});
export type ValueSettings = z.infer<typeof ValueSettings>;

/** The forgiving shape: what a read accepts (anything), field by field falling back to defaults. */
const StoredValueSettings = z
  .object({
    strategicShare: ValueSettings.shape.strategicShare.catch(DEFAULT_VALUE_SETTINGS.strategicShare),
    atRiskMaxPAlive: ValueSettings.shape.atRiskMaxPAlive.catch(DEFAULT_VALUE_SETTINGS.atRiskMaxPAlive),
    horizonWeeks: ValueSettings.shape.horizonWeeks.catch(DEFAULT_VALUE_SETTINGS.horizonWeeks),
    discountRate: ValueSettings.shape.discountRate.catch(DEFAULT_VALUE_SETTINGS.discountRate),
  })
  .catch({ ...DEFAULT_VALUE_SETTINGS });

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
  return JSON.stringify([settings.strategicShare, settings.atRiskMaxPAlive, settings.horizonWeeks, settings.discountRate]);
}
