/**
 * Page values the user answered Keep to (see lib/profile-changes/kept.ts), in `storage.local`:
 * like dismissed suggestions, they are this browser's answers to its own alerts, not CRM data.
 */
import { browser } from 'wxt/browser';
import { parseKeptValues, withKept, type KeptValues, type ProfileChangeProposal } from '../profile-changes';
import { watchStorageKey } from './storage-key';

export const KEPT_PAGE_VALUES_KEY = 'profile-changes:kept';

export async function readKeptValues(): Promise<KeptValues> {
  const stored = await browser.storage.local.get(KEPT_PAGE_VALUES_KEY);
  return parseKeptValues(stored[KEPT_PAGE_VALUES_KEY]);
}

/** Remembers Keep for every change of a proposal: the same page values will not alert again. */
export async function keepStoredValues(proposal: ProfileChangeProposal, now: number = Date.now()): Promise<void> {
  const next = withKept(await readKeptValues(), proposal.contactId, proposal.changes, now);
  await browser.storage.local.set({ [KEPT_PAGE_VALUES_KEY]: next });
}

export function onKeptValuesChanged(callback: (kept: KeptValues) => void): () => void {
  return watchStorageKey('local', KEPT_PAGE_VALUES_KEY, (stored) => callback(parseKeptValues(stored)));
}
