/**
 * Dismissed suggestions, remembered per rule and contact in `storage.local` (they are this
 * browser's view of its own suggestions, not CRM data, so they do not sync). A dismissal lasts
 * `dismissDays`; then the rule may suggest the contact again if it still fires. Expired entries
 * are pruned on every write, so the map stays as small as the live dismissals.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { NbaRuleId } from './rules';

export const NBA_DISMISSED_KEY = 'nba:dismissed';
const DAY_MS = 86_400_000;

export type Dismissals = Record<string, number>;
const DismissalsSchema = z.record(z.string().max(200), z.number().int().nonnegative()).catch({});

export function dismissalKey(rule: NbaRuleId, contactId: string): string {
  return `${rule}:${contactId}`;
}

export function isDismissed(dismissals: Dismissals, rule: NbaRuleId, contactId: string, dismissDays: number, now: number): boolean {
  const at = dismissals[dismissalKey(rule, contactId)];
  return at !== undefined && now - at < dismissDays * DAY_MS;
}

/** The dismissals still in force, plus a new one. Pure. */
export function withDismissal(dismissals: Dismissals, rule: NbaRuleId, contactId: string, dismissDays: number, now: number): Dismissals {
  const kept = Object.fromEntries(Object.entries(dismissals).filter(([, at]) => now - at < dismissDays * DAY_MS));
  return { ...kept, [dismissalKey(rule, contactId)]: now };
}

export function parseDismissals(stored: unknown): Dismissals {
  return DismissalsSchema.parse(stored ?? {});
}

export async function readDismissals(): Promise<Dismissals> {
  const stored = await browser.storage.local.get(NBA_DISMISSED_KEY);
  return parseDismissals(stored[NBA_DISMISSED_KEY]);
}

export async function dismissSuggestion(rule: NbaRuleId, contactId: string, dismissDays: number, now: number = Date.now()): Promise<void> {
  const next = withDismissal(await readDismissals(), rule, contactId, dismissDays, now);
  await browser.storage.local.set({ [NBA_DISMISSED_KEY]: next });
}

export function onDismissalsChanged(callback: (dismissals: Dismissals) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && NBA_DISMISSED_KEY in changes) callback(parseDismissals(changes[NBA_DISMISSED_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
