import { z } from 'zod';
import { MAILBOXES } from './compose-url';

/**
 * An outreach in progress, kept so the panel can close and pick up where the user was: the
 * members to draft, fixed when it started, and what became of each so far. Lives in the local
 * meta table (lib/db/outreach.ts), never synced nor backed up: it is this browser's work queue.
 */

export const MAX_OUTREACH_MEMBERS = 10_000;

export const OutreachOutcome = z.enum(['drafted', 'skipped']);
export type OutreachOutcome = z.infer<typeof OutreachOutcome>;

export const OutreachSession = z.object({
  segmentId: z.string().min(1),
  templateId: z.string().min(1),
  mailbox: z.enum(MAILBOXES),
  skipWithinDays: z.number().int().min(0).max(3_650),
  startedAt: z.number().int().nonnegative(),
  /** Contact ids, in the order they are drafted. */
  queue: z.array(z.string().min(1)).max(MAX_OUTREACH_MEMBERS),
  outcomes: z.record(z.string(), OutreachOutcome),
});
export type OutreachSession = z.infer<typeof OutreachSession>;

export interface OutreachProgress {
  total: number;
  drafted: number;
  skipped: number;
  /** The next member to draft, or null once every member has an outcome. */
  current: string | null;
  /** 1-based position of `current` in the queue (total + 1 when finished). */
  position: number;
}

export function outreachProgress(session: Pick<OutreachSession, 'queue' | 'outcomes'>): OutreachProgress {
  let drafted = 0;
  let skipped = 0;
  let current: string | null = null;
  let position = session.queue.length + 1;
  session.queue.forEach((id, index) => {
    const outcome = session.outcomes[id];
    if (outcome === 'drafted') drafted += 1;
    else if (outcome === 'skipped') skipped += 1;
    else if (current === null) {
      current = id;
      position = index + 1;
    }
  });
  return { total: session.queue.length, drafted, skipped, current, position };
}

/** The session with one member's outcome recorded (a member not in the queue changes nothing). */
export function withOutcome(session: OutreachSession, contactId: string, outcome: OutreachOutcome): OutreachSession {
  if (!session.queue.includes(contactId)) return session;
  return { ...session, outcomes: { ...session.outcomes, [contactId]: outcome } };
}

/** "12 of 40 drafted" (and how many were skipped, when any). */
export function describeProgress(progress: OutreachProgress): string {
  const skipped = progress.skipped > 0 ? `, ${progress.skipped} skipped` : '';
  return `${progress.drafted} of ${progress.total} drafted${skipped}`;
}
