import type { Contact, ContactValue } from '../model';

/**
 * What a rule is evaluated over: a contact with its derived value and activity facts, as lib/db
 * keeps them (values and activity tables). Structural types, so this folder stays free of lib/db.
 */
export interface SegmentFacts {
  contact: Pick<Contact, 'stage' | 'pipelineStage' | 'tags' | 'ownerId' | 'company' | 'location' | 'emails' | 'phones'>;
  /** lib/value's row; absent until values were computed for this contact. */
  value?: Pick<ContactValue, 'tier' | 'pAlive' | 'clv'>;
  /** lib/db's activity row; absent for a contact without interactions or deals. */
  activity?: SegmentActivity;
}

export interface SegmentActivity {
  lastContactedAt?: number;
  /** Ascending times of counted interactions of the last 90 days (lib/db/activity.ts). */
  recentTouches: readonly number[];
  openDealValue: number;
  wonValue: number;
}

export const DAY_MS = 86_400_000;
