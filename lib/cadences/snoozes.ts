/**
 * Snoozed keep-in-touch reminders: contact id → until when. This browser's view of its own
 * reminders, like dismissed suggestions, so they stay local (lib/settings/cadence-snoozes.ts).
 * Ended snoozes are dropped on every write, so the record only holds what still hides someone.
 */
import type { CadenceSnoozes } from './plan';

/** Whatever was stored (possibly nothing, possibly garbage), entries with a bad time dropped. */
export function parseCadenceSnoozes(stored: unknown): CadenceSnoozes {
  if (stored === null || typeof stored !== 'object') return {};
  const kept: Record<string, number> = {};
  for (const [id, until] of Object.entries(stored)) {
    if (id.length > 0 && Number.isSafeInteger(until) && (until as number) >= 0) kept[id] = until as number;
  }
  return kept;
}

/** The snoozes after snoozing one contact until `until` (a time in the future), ended ones dropped. */
export function withCadenceSnooze(snoozes: CadenceSnoozes, contactId: string, until: number, now: number): CadenceSnoozes {
  if (!(until > now)) throw new Error('Pick a time in the future.');
  const next: Record<string, number> = {};
  for (const [id, at] of Object.entries(snoozes)) if (at > now) next[id] = at;
  next[contactId] = until;
  return next;
}
