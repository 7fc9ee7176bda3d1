/**
 * Dismissed suggestions, per rule and contact. A dismissal lasts `dismissDays`; then the rule may
 * suggest the contact again if it still fires. Expired entries are pruned on every write, so the
 * map stays as small as the live dismissals. Pure; lib/settings/nba-dismissals.ts stores them.
 */
import { z } from 'zod';
import type { NbaRuleId } from './rules';

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
