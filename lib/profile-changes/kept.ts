/**
 * Page values the user chose to Keep the stored value against, per contact and field: the same
 * page value does not alert again, a different one does. Pure; lib/settings/kept-page-values.ts
 * stores them. Only the comparable form (see normalize.ts) is kept, and only the latest per field.
 */
import { z } from 'zod';
import { comparable } from './normalize';
import type { ProfileChange, WatchedField } from './types';

/** `"<contactId>:<field>"` → the kept page value (comparable form) and when it was kept. */
export type KeptValues = Record<string, { value: string; at: number }>;

/** More than anyone keeps by hand; the oldest go first, so storage stays small. */
export const MAX_KEPT = 2000;

const KeptValuesSchema = z
  .record(z.string().max(200), z.object({ value: z.string().max(4096), at: z.number().int().nonnegative() }))
  .catch({});

export function parseKeptValues(stored: unknown): KeptValues {
  return KeptValuesSchema.parse(stored ?? {});
}

function keptKey(contactId: string, field: WatchedField): string {
  return `${contactId}:${field}`;
}

export function isKept(kept: KeptValues, contactId: string, field: WatchedField, pageValue: string): boolean {
  return kept[keptKey(contactId, field)]?.value === comparable(field, pageValue);
}

/** The kept values plus these changes' page values, newest `MAX_KEPT` only. Pure. */
export function withKept(kept: KeptValues, contactId: string, changes: readonly ProfileChange[], now: number): KeptValues {
  const next: KeptValues = { ...kept };
  for (const change of changes) next[keptKey(contactId, change.field)] = { value: comparable(change.field, change.page), at: now };
  const entries = Object.entries(next);
  if (entries.length <= MAX_KEPT) return next;
  return Object.fromEntries(entries.sort(([, a], [, b]) => b.at - a.at).slice(0, MAX_KEPT));
}
