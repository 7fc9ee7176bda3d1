/**
 * Keep-in-touch settings in `storage.local`: the per-tier default cadences (lib/cadences/settings.ts)
 * and the snoozed reminders (lib/cadences/snoozes.ts). Both belong to this browser profile, like
 * the value-model thresholds and dismissed suggestions. The service worker watches both to re-plan.
 */
import { browser } from 'wxt/browser';
import { CadenceSettings, parseStoredCadenceSettings } from '../cadences/settings';
import { parseCadenceSnoozes, withCadenceSnooze } from '../cadences/snoozes';
import type { CadenceSnoozes } from '../cadences/plan';
import { localSetting, watchStorageKey } from './storage-key';

export const CADENCE_SETTINGS_KEY = 'settings:cadences';
export const CADENCE_SNOOZES_KEY = 'cadences:snoozed';

export const {
  read: readCadenceSettings,
  save: saveCadenceSettings,
  onChanged: onCadenceSettingsChanged,
} = localSetting(CADENCE_SETTINGS_KEY, parseStoredCadenceSettings, (settings) => CadenceSettings.parse(settings));

export async function readCadenceSnoozes(): Promise<CadenceSnoozes> {
  const stored = await browser.storage.local.get(CADENCE_SNOOZES_KEY);
  return parseCadenceSnoozes(stored[CADENCE_SNOOZES_KEY]);
}

/** Hides a due contact's keep-in-touch reminder until `until`. Throws when `until` is not in the future. */
export async function snoozeCadence(contactId: string, until: number, now: number = Date.now()): Promise<void> {
  const next = withCadenceSnooze(await readCadenceSnoozes(), contactId, until, now);
  await browser.storage.local.set({ [CADENCE_SNOOZES_KEY]: next });
}

export function onCadenceSnoozesChanged(callback: (snoozes: CadenceSnoozes) => void): () => void {
  return watchStorageKey('local', CADENCE_SNOOZES_KEY, (stored) => callback(parseCadenceSnoozes(stored)));
}
