/**
 * Keep-in-touch planning (issue 22), pure: contacts with the cadences that apply to them, their
 * last touch and the snoozes → who is due now, with the words that explain why.
 *
 * - A cadence applies from the contact's own `cadenceDays`, from each saved segment with one that
 *   the contact belongs to, and from their tier's default when the user turned it on.
 * - The shortest applies (a contact in "Strategic customers" and a 60-day segment is kept in
 *   touch every 30 days) and the plan says which; on equal days the contact's own comes first,
 *   then segments by name, then the tier: the most specific choice names it.
 * - The clock starts at the last touch (any logged interaction: email, call, meeting, visit,
 *   note; lib/db keeps it), or when the contact was added if there was none, so turning a cadence
 *   on does not make every untouched contact due at once. A new touch restarts it: nothing to
 *   clear, the due date simply moves.
 * - Due from local midnight of the day `days` calendar days after the last touch's day.
 * - A snooze hides a due contact until its time; once past it, they are due again unless touched.
 */
import type { ValueTier } from '../model';
import { calendarDaysBetween, startOfDayAfter } from './days';

/** The tiers that offer a default cadence (Strategic 30, Growth 60, Core 90 days). */
export const CADENCE_TIERS = ['strategic', 'growth', 'core'] as const satisfies readonly ValueTier[];
export type CadenceTier = (typeof CADENCE_TIERS)[number];

export type CadenceSource =
  | { kind: 'contact' }
  | { kind: 'segment'; segmentId: string; name: string }
  | { kind: 'tier'; tier: CadenceTier };

export interface Cadence {
  days: number;
  source: CadenceSource;
}

export interface CadenceCandidate {
  contactId: string;
  /** When the contact was added: the clock's start while nothing was logged. */
  createdAt: number;
  /** The latest logged interaction; absent when there was none. */
  lastTouchAt?: number;
  /** Every cadence that applies (own, segments, tier); a contact with none is never due. */
  cadences: readonly Cadence[];
}

/** Contact id → until when a due contact is snoozed. */
export type CadenceSnoozes = Readonly<Record<string, number>>;

export interface CadenceDue {
  contactId: string;
  /** The cadence followed: the shortest. */
  cadence: Cadence;
  /** The other cadences that apply, longer or equal, for "also in …". */
  others: Cadence[];
  /** Local midnight of the day the contact fell due. */
  dueAt: number;
  lastTouchAt?: number;
  /** Calendar days since the last touch (or since added, when never touched). */
  daysSince: number;
  /** "Strategic customers: every 30 days — last touch 41 days ago". */
  explanation: string;
}

export interface CadencePlan {
  /** Due and not snoozed, longest overdue first. */
  due: CadenceDue[];
  /** The soonest moment after `now` when someone falls due or a snooze ends; undefined when none will. */
  nextAt?: number;
}

const TIER_LABELS: Record<CadenceTier, string> = {
  strategic: 'Strategic customers',
  growth: 'Growth customers',
  core: 'Core customers',
};

/** What a cadence is called where it is explained. */
export function cadenceLabel(source: CadenceSource): string {
  switch (source.kind) {
    case 'contact':
      return 'Their own cadence';
    case 'segment':
      return source.name;
    case 'tier':
      return TIER_LABELS[source.tier];
  }
}

/** "every day", "every 30 days". */
export function everyDays(days: number): string {
  return days === 1 ? 'every day' : `every ${days} days`;
}

function daysAgo(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

const SOURCE_ORDER: Record<CadenceSource['kind'], number> = { contact: 0, segment: 1, tier: 2 };

/** Shortest first; on equal days the contact's own, then segments by name, then the tier. */
export function compareCadences(a: Cadence, b: Cadence): number {
  return (
    a.days - b.days ||
    SOURCE_ORDER[a.source.kind] - SOURCE_ORDER[b.source.kind] ||
    cadenceLabel(a.source).localeCompare(cadenceLabel(b.source), undefined, { sensitivity: 'base' })
  );
}

/** The explanation shown beside a due contact. */
export function explainDue(cadence: Cadence, lastTouchAt: number | undefined, daysSince: number): string {
  const head = `${cadenceLabel(cadence.source)}: ${everyDays(cadence.days)}`;
  return lastTouchAt === undefined ? `${head} — no touch since added ${daysAgo(daysSince)}` : `${head} — last touch ${daysAgo(daysSince)}`;
}

export function planCadences(candidates: readonly CadenceCandidate[], snoozes: CadenceSnoozes, now: number): CadencePlan {
  const due: CadenceDue[] = [];
  let nextAt: number | undefined;
  const later = (at: number) => {
    if (at > now && (nextAt === undefined || at < nextAt)) nextAt = at;
  };
  for (const candidate of candidates) {
    if (candidate.cadences.length === 0) continue;
    const [cadence, ...others] = [...candidate.cadences].sort(compareCadences) as [Cadence, ...Cadence[]];
    const since = candidate.lastTouchAt ?? candidate.createdAt;
    const dueAt = startOfDayAfter(since, cadence.days);
    if (dueAt > now) {
      later(dueAt);
      continue;
    }
    const snoozedUntil = snoozes[candidate.contactId];
    if (snoozedUntil !== undefined && snoozedUntil > now) {
      later(snoozedUntil);
      continue;
    }
    const daysSince = calendarDaysBetween(since, now);
    due.push({
      contactId: candidate.contactId,
      cadence,
      others,
      dueAt,
      ...(candidate.lastTouchAt !== undefined ? { lastTouchAt: candidate.lastTouchAt } : {}),
      daysSince,
      explanation: explainDue(cadence, candidate.lastTouchAt, daysSince),
    });
  }
  due.sort(compareDue);
  return nextAt === undefined ? { due } : { due, nextAt };
}

/** Longest overdue first; on the same day by contact id, so the order never depends on the read. */
function compareDue(a: CadenceDue, b: CadenceDue): number {
  return a.dueAt - b.dueAt || (a.contactId < b.contactId ? -1 : 1);
}

/**
 * One plan from plans of disjoint groups of candidates, equal to planning them all at once (each
 * candidate is planned on its own): lets a large plan run in slices between which the thread is free.
 */
export function mergeCadencePlans(plans: readonly CadencePlan[]): CadencePlan {
  const due = plans.flatMap((plan) => plan.due).sort(compareDue);
  const ends = plans.flatMap((plan) => (plan.nextAt === undefined ? [] : [plan.nextAt]));
  return ends.length === 0 ? { due } : { due, nextAt: Math.min(...ends) };
}
