/**
 * Dismissed next-best-action suggestions, remembered in `storage.local`: they are this browser's
 * view of its own suggestions, not CRM data, so they do not sync. The pruning and expiry rules
 * are lib/nba/dismissals.ts.
 */
import { browser } from 'wxt/browser';
import { parseDismissals, withDismissal, type Dismissals } from '../nba/dismissals';
import type { NbaRuleId } from '../nba/rules';
import { watchStorageKey } from './storage-key';

export const NBA_DISMISSED_KEY = 'nba:dismissed';

export async function readDismissals(): Promise<Dismissals> {
  const stored = await browser.storage.local.get(NBA_DISMISSED_KEY);
  return parseDismissals(stored[NBA_DISMISSED_KEY]);
}

export async function dismissSuggestion(rule: NbaRuleId, contactId: string, dismissDays: number, now: number = Date.now()): Promise<void> {
  const next = withDismissal(await readDismissals(), rule, contactId, dismissDays, now);
  await browser.storage.local.set({ [NBA_DISMISSED_KEY]: next });
}

export function onDismissalsChanged(callback: (dismissals: Dismissals) => void): () => void {
  return watchStorageKey('local', NBA_DISMISSED_KEY, (stored) => callback(parseDismissals(stored)));
}
