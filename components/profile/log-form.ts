/**
 * The "Log activity" form's fields → an interaction for lib/db, or a message per bad field. Pure.
 */
import type { InteractionInput } from '@/lib/db/interactions';

export const LOG_KINDS = ['note', 'call', 'meeting'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export interface LogFormFields {
  kind: string;
  /** `YYYY-MM-DDTHH:mm`, local time, as a datetime-local input gives it. */
  when: string;
  /** Minutes, calls and meetings only. */
  duration: string;
  outcome: string;
  body: string;
}

export type LogFormErrors = Partial<Record<keyof LogFormFields, string>>;
export type LogFormResult = { ok: true; interaction: InteractionInput } | { ok: false; errors: LogFormErrors };

/** `YYYY-MM-DDTHH:mm` of an instant in local time. */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function emptyLogForm(now: number, kind: LogKind = 'note'): LogFormFields {
  return { kind, when: localDateTime(now), duration: '', outcome: '', body: '' };
}

export function parseLogForm(fields: LogFormFields, contactId: string): LogFormResult {
  const errors: LogFormErrors = {};
  const kind = (LOG_KINDS as readonly string[]).includes(fields.kind) ? (fields.kind as LogKind) : undefined;
  if (!kind) errors.kind = 'Choose a note, call or meeting.';

  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(fields.when.trim());
  let at = NaN;
  if (match) {
    const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
    const date = new Date(y, mo - 1, d, h, mi);
    if (date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d) at = date.getTime();
  }
  if (!Number.isFinite(at) || at < 0) errors.when = 'Enter when it happened, like 2026-03-31 14:30.';

  const body = fields.body.trim();
  if (body.length > 100_000) errors.body = `Keep notes under 100,000 characters (they have ${body.length}).`;
  if (kind === 'note' && body === '') errors.body = 'Write the note first.';

  let durationMinutes: number | undefined;
  let outcome: string | undefined;
  if (kind === 'call' || kind === 'meeting') {
    const duration = fields.duration.trim();
    if (duration !== '') {
      if (!/^\d+$/.test(duration) || Number(duration) > 24 * 60) errors.duration = 'Enter the length in whole minutes, from 0 to 1440.';
      else durationMinutes = Number(duration);
    }
    const typed = fields.outcome.trim();
    if (typed.length > 300) errors.outcome = `Keep the outcome under 300 characters (it has ${typed.length}).`;
    else if (typed !== '') outcome = typed;
  }

  if (!kind || Object.keys(errors).length > 0) return { ok: false, errors };
  const interaction: InteractionInput = { contactId, kind, at };
  if (body !== '') interaction.body = body;
  if (durationMinutes !== undefined) interaction.durationMinutes = durationMinutes;
  if (outcome !== undefined) interaction.outcome = outcome;
  return { ok: true, interaction };
}
