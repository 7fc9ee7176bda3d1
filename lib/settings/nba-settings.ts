/**
 * Next-best-action thresholds in `storage.local`, like the value-model settings: they belong to
 * this browser profile. What they mean and how they are parsed is lib/nba/settings.ts.
 */
import { browser } from 'wxt/browser';
import { NbaSettings, parseStoredNbaSettings } from '../nba/settings';

export const NBA_SETTINGS_KEY = 'settings:next-best-action';

export async function readNbaSettings(): Promise<NbaSettings> {
  const stored = await browser.storage.local.get(NBA_SETTINGS_KEY);
  return parseStoredNbaSettings(stored[NBA_SETTINGS_KEY]);
}

export async function saveNbaSettings(settings: NbaSettings): Promise<void> {
  await browser.storage.local.set({ [NBA_SETTINGS_KEY]: NbaSettings.parse(settings) });
}

export function onNbaSettingsChanged(callback: (settings: NbaSettings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && NBA_SETTINGS_KEY in changes) callback(parseStoredNbaSettings(changes[NBA_SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
