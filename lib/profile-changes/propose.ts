/**
 * Detected person + stored contact → the fields the page shows differently. Pure. Nothing here
 * writes: a change reaches the contact only when the user clicks Update (lib/db/profile-changes.ts).
 */
import type { Contact, DetectedContact } from '../model';
import { isKept, type KeptValues } from './kept';
import { comparable, samePhotoHost } from './normalize';
import { WATCHED_FIELDS, type ChangeSource, type ProfileChange, type ProfileChangeProposal, type WatchedField } from './types';

const PAGE_VALUE: Record<WatchedField, (person: DetectedContact) => string | undefined> = {
  title: (person) => person.title,
  company: (person) => person.company,
  location: (person) => person.location,
  avatarUrl: (person) => person.photo,
};

/**
 * The changes a page proposes for a contact it matched. A field is proposed when the page has a
 * value whose comparable form differs from the stored one, unless the user kept the stored value
 * against this very page value, or cleared a field on purpose (typed empty: they do not want it).
 * A photo is compared only with one from the same site (see samePhotoHost).
 */
export function proposeProfileChanges(
  contact: Contact,
  person: DetectedContact,
  source: ChangeSource,
  kept: KeptValues,
): ProfileChangeProposal | null {
  const changes: ProfileChange[] = [];
  for (const field of WATCHED_FIELDS) {
    const page = PAGE_VALUE[field](person)?.trim();
    if (!page) continue;
    const stored = contact[field]?.trim() || undefined;
    const typed = contact.userFields.includes(field);
    if (stored === undefined && typed) continue;
    if (stored !== undefined && comparable(field, stored) === comparable(field, page)) continue;
    if (stored !== undefined && field === 'avatarUrl' && !samePhotoHost(stored, page)) continue;
    if (isKept(kept, contact.id, field, page)) continue;
    changes.push({ field, page, typed, ...(stored !== undefined ? { stored } : {}) });
  }
  return changes.length > 0 ? { contactId: contact.id, changes, source } : null;
}

/** A job change: the title or the company moved from one value to another (filling an empty one is not a move). */
export function isJobChange(changes: readonly Pick<ProfileChange, 'field' | 'stored'>[]): boolean {
  return changes.some((change) => (change.field === 'title' || change.field === 'company') && change.stored !== undefined);
}
