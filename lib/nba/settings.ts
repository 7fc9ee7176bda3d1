/**
 * Next-best-action thresholds: their limits, defaults and parsing. Stored values are parsed field
 * by field: a missing or out-of-range field falls back to its default on its own. Pure; they are
 * kept in `storage.local` by lib/settings/nba-settings.ts.
 */
import { z } from 'zod';

export const NBA_DAY_LIMITS = { min: 1, max: 365 } as const;

export const DEFAULT_NBA_SETTINGS = {
  /** Strategic contact not contacted for this many days → check in. */
  checkInDays: 30,
  /** Expansion-stage customer without an open deal, not contacted for this many days → cross-sell. */
  crossSellDays: 14,
  /** At-risk contact not contacted for this many days → win back. */
  winBackDays: 14,
  /** Prospect with an open deal who has not replied for this many days → nudge. */
  nudgeDays: 7,
  /** A strategic or growth customer's accepted job change is suggested for this many days. */
  jobChangeDays: 30,
  /** A dismissed suggestion may come back after this many days. */
  dismissDays: 30,
} as const;

const days = z.number().int().min(NBA_DAY_LIMITS.min).max(NBA_DAY_LIMITS.max);

export const NbaSettings = z.object({
  checkInDays: days,
  crossSellDays: days,
  winBackDays: days,
  nudgeDays: days,
  jobChangeDays: days,
  dismissDays: days,
});
export type NbaSettings = z.infer<typeof NbaSettings>;
export const NBA_SETTING_FIELDS = Object.keys(DEFAULT_NBA_SETTINGS) as (keyof NbaSettings)[];

const StoredNbaSettings = z
  .object(Object.fromEntries(NBA_SETTING_FIELDS.map((field) => [field, days.catch(DEFAULT_NBA_SETTINGS[field])])) as Record<keyof NbaSettings, z.ZodCatch<typeof days>>)
  .catch({ ...DEFAULT_NBA_SETTINGS });

export function parseStoredNbaSettings(stored: unknown): NbaSettings {
  return StoredNbaSettings.parse(stored ?? {});
}
