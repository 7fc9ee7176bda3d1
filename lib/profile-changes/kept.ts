/**
 * Page values the user chose to Keep the stored value against, per contact and field: the same
 * page value does not alert again, a different one does. Several per field, because two sites
 * may word one fact differently ("San Francisco" on GitHub, "San Francisco Bay Area" on
 * LinkedIn) and keeping one must not bring the other back. Pure; lib/settings/kept-page-values.ts
 * stores them. Only the comparable form (see normalize.ts) is kept.
 */
import { z } from 'zod';
import { comparable } from './normalize';
import type { ProfileChange, WatchedField } from './types';

/** `"<contactId>\n<field>\n<comparable page value>"` → when it was kept. */
export type KeptValues = Record<string, number>;

/** More than anyone keeps by hand; the oldest go first, so storage stays small. */
export const MAX_KEPT = 2000;

const KeptValuesSchema = z.record(z.string().max(5000), z.number().int().nonnegative()).catch({});

export function parseKeptValues(stored: unknown): KeptValues {
  return KeptValuesSchema.parse(stored ?? {});
}

function keptKey(contactId: string, field: WatchedField, pageValue: string): string {
  return `${contactId}\n${field}\n${comparable(field, pageValue)}`;
}

export function isKept(kept: KeptValues, contactId: string, field: WatchedField, pageValue: string): boolean {
  return kept[keptKey(contactId, field, pageValue)] !== undefined;
}

/** The kept values plus these changes' page values, newest `MAX_KEPT` only. Pure. */
export function withKept(kept: KeptValues, contactId: string, changes: readonly ProfileChange[], now: number): KeptValues {
  const next: KeptValues = { ...kept };
  for (const change of changes) next[keptKey(contactId, change.field, change.page)] = now;
  const entries = Object.entries(next);
  if (entries.length <= MAX_KEPT) return next;
  return Object.fromEntries(entries.sort(([, a], [, b]) => b - a).slice(0, MAX_KEPT));
}
