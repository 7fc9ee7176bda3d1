import { OutreachSession, withOutcome, type PlannedDraft } from '../outreach';
import { addInteraction } from './interactions';
import type { CrmDatabase } from './types';

/**
 * An outreach in progress (lib/outreach/session.ts), one per segment, in the meta table: the
 * panel may close between two drafts and resume. Local to this browser: meta rows other than
 * the listed user kinds are neither synced nor backed up (lib/io/backup.ts).
 */

const outreachKey = (segmentId: string) => `outreach:${segmentId}`;

/** The segment's outreach in progress; undefined when none (or when the stored row is unreadable). */
export async function readOutreach(db: CrmDatabase, segmentId: string): Promise<OutreachSession | undefined> {
  const parsed = OutreachSession.safeParse((await db.meta.get(outreachKey(segmentId)))?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function saveOutreach(db: CrmDatabase, session: OutreachSession): Promise<OutreachSession> {
  const valid = OutreachSession.parse(session);
  await db.meta.put({ key: outreachKey(valid.segmentId), value: valid });
  return valid;
}

export async function clearOutreach(db: CrmDatabase, segmentId: string): Promise<void> {
  await db.meta.delete(outreachKey(segmentId));
}

/**
 * The user drafted this member's message: History gets an outgoing email (so last contacted, the
 * "contacted within" rules and cadences see it) and the session moves on, in one transaction, so
 * a closed panel never logs a member twice nor loses one.
 */
export async function recordDrafted(db: CrmDatabase, session: OutreachSession, draft: PlannedDraft, now: number = Date.now()): Promise<OutreachSession> {
  return db.transaction('rw', [db.contacts, db.interactions, db.activity, db.meta], async () => {
    await addInteraction(
      db,
      {
        contactId: draft.contactId,
        kind: 'email',
        at: now,
        direction: 'out',
        ...(draft.subject ? { subject: draft.subject } : {}),
        body: draft.body,
        to: [draft.email],
      },
      now,
    );
    return saveOutreach(db, withOutcome(session, draft.contactId, 'drafted'));
  });
}

/** The user passed over this member: nothing is logged for them. */
export async function recordSkipped(db: CrmDatabase, session: OutreachSession, contactId: string): Promise<OutreachSession> {
  return saveOutreach(db, withOutcome(session, contactId, 'skipped'));
}
