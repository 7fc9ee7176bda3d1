/**
 * Per-tier default cadences (issue 22): Strategic every 30 days, Growth 60, Core 90, each off until
 * the user turns it on. Kept in this browser's storage.local (lib/settings/cadence-settings.ts),
 * like the value model's thresholds that decide the tiers. Parsed forgivingly field by field: one
 * bad stored value falls back to its default without resetting the others.
 */
import { z } from 'zod';
import { CadenceDays } from '../model';
import { CADENCE_TIERS, type Cadence, type CadenceTier } from './plan';

export const TierCadence = z.object({ on: z.boolean(), days: CadenceDays });
export type TierCadence = z.infer<typeof TierCadence>;

export const CadenceSettings = z.object({ strategic: TierCadence, growth: TierCadence, core: TierCadence });
export type CadenceSettings = z.infer<typeof CadenceSettings>;

export const DEFAULT_CADENCE_SETTINGS: CadenceSettings = {
  strategic: { on: false, days: 30 },
  growth: { on: false, days: 60 },
  core: { on: false, days: 90 },
};

const storedTier = (tier: CadenceTier) =>
  z
    .object({
      on: z.boolean().catch(DEFAULT_CADENCE_SETTINGS[tier].on),
      days: CadenceDays.catch(DEFAULT_CADENCE_SETTINGS[tier].days),
    })
    .catch({ ...DEFAULT_CADENCE_SETTINGS[tier] });

const StoredCadenceSettings = z
  .object({ strategic: storedTier('strategic'), growth: storedTier('growth'), core: storedTier('core') })
  .catch(structuredClone(DEFAULT_CADENCE_SETTINGS));

export function parseStoredCadenceSettings(stored: unknown): CadenceSettings {
  return StoredCadenceSettings.parse(stored ?? {});
}

/** The tier defaults the user turned on, as cadences. */
export function tierCadences(settings: CadenceSettings): Map<CadenceTier, Cadence> {
  return new Map(
    CADENCE_TIERS.filter((tier) => settings[tier].on).map((tier) => [tier, { days: settings[tier].days, source: { kind: 'tier', tier } }] as const),
  );
}
