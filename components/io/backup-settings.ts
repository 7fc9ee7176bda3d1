/**
 * The storage.local settings a backup carries: the value model's thresholds, paused sites and
 * ignored people. A fixed list, both ways: a backup never picks up (or restores) anything else
 * an extension keeps there, such as a future sync token.
 */
import { browser } from 'wxt/browser';
import { VALUE_SETTINGS_KEY } from '@/lib/settings';
import { isSecretKey } from '@/lib/io/backup';

export const BACKED_UP_SETTINGS = [VALUE_SETTINGS_KEY, 'pausedSites', 'ignoredPeople'] as const;

function allowed(key: string): boolean {
  return (BACKED_UP_SETTINGS as readonly string[]).includes(key) && !isSecretKey(key);
}

export async function readBackedUpSettings(): Promise<Record<string, unknown>> {
  const stored = await browser.storage.local.get([...BACKED_UP_SETTINGS]);
  return Object.fromEntries(Object.entries(stored).filter(([key, value]) => allowed(key) && value !== undefined));
}

/** Writes a backup's settings; keys not in the list are ignored. Each is parsed again on read. */
export async function applyBackedUpSettings(settings: Record<string, unknown>): Promise<void> {
  const kept = Object.fromEntries(Object.entries(settings).filter(([key]) => allowed(key)));
  if (Object.keys(kept).length > 0) await browser.storage.local.set(kept);
}
