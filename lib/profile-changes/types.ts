import type { EditableField } from '../model';

/** The fields a page may show newer values of; the name is the person's own, never re-read from a page. */
export const WATCHED_FIELDS = ['title', 'company', 'location', 'avatarUrl'] as const satisfies readonly EditableField[];
export type WatchedField = (typeof WATCHED_FIELDS)[number];

/** Where a page value was read: the tab's address and, when known, the site reader (linkedin, github…). */
export interface ChangeSource {
  url: string;
  site?: string;
}

/** One field the page shows differently from the stored contact. */
export interface ProfileChange {
  field: WatchedField;
  /** What the contact holds now; absent when the field is empty. */
  stored?: string;
  /** What the page shows, trimmed. */
  page: string;
  /** The user typed the stored value (the contact's `userFields`): it changes only on their click. */
  typed: boolean;
}

/** The changes one page proposes for one contact. */
export interface ProfileChangeProposal {
  contactId: string;
  changes: ProfileChange[];
  source: ChangeSource;
}
