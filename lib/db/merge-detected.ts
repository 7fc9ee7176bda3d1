import {
  canonicalProfileUrl,
  normalizeEmail,
  normalizePhone,
  type Contact,
  type ContactSource,
  type DetectedContact,
  type EditableField,
  type ProfileLink,
} from '../model';
import { keepWithinLimits } from '../model/contact-limits';
import { withIndexKeys } from './contact-keys';

function union<T>(first: readonly T[], second: readonly T[], key: (item: T) => string = String): T[] {
  const seen = new Map<string, T>();
  for (const item of [...first, ...second]) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function cleanProfiles(profiles: readonly ProfileLink[]): ProfileLink[] {
  return profiles.flatMap((profile) => {
    const url = canonicalProfileUrl(profile.url);
    return url ? [{ kind: profile.kind, url }] : [];
  });
}

/** The identity keys of a detection: what an existing contact is matched by. */
export function detectionKeys(detected: DetectedContact): { emails: string[]; profileUrls: string[] } {
  return {
    emails: [...new Set(detected.emails.map(normalizeEmail))],
    profileUrls: cleanProfiles(detected.profiles).map((profile) => profile.url),
  };
}

const SCRAPED_FIELDS: Record<EditableField, (detected: DetectedContact) => string | undefined> = {
  name: (detected) => detected.name,
  company: (detected) => detected.company,
  title: (detected) => detected.title,
  location: (detected) => detected.location,
  avatarUrl: (detected) => detected.photo,
};

/**
 * Folds a detection into a contact. Emails, phones and profiles are unioned. A scraped value only
 * fills an empty field, and never one the user typed — even one they deliberately cleared.
 * Pure: `existing` is not modified.
 */
export function mergeDetectedIntoContact(
  existing: Contact,
  detected: DetectedContact,
  now: number,
): Contact {
  const merged: Contact = {
    ...existing,
    emails: union(existing.emails, detected.emails.map(normalizeEmail)),
    phones: union(existing.phones, detected.phones.map(normalizePhone).filter(Boolean)),
    profiles: union(existing.profiles, cleanProfiles(detected.profiles), (profile) => profile.url),
  };
  for (const field of Object.keys(SCRAPED_FIELDS) as EditableField[]) {
    const scraped = SCRAPED_FIELDS[field](detected)?.trim();
    if (!scraped || existing.userFields.includes(field) || existing[field]) continue;
    merged[field] = scraped;
  }
  return withIndexKeys(keepWithinLimits({ ...merged, updatedAt: now }));
}

/** A new contact from a detection: the same merge, into an empty contact. */
export function contactFromDetected(
  detected: DetectedContact,
  id: string,
  source: ContactSource,
  now: number,
): Contact {
  const empty: Contact = {
    id,
    emails: [],
    phones: [],
    profiles: [],
    tags: [],
    stage: 'lead',
    userFields: [],
    source,
    createdAt: now,
    updatedAt: now,
    profileUrls: [],
    searchTokens: [],
  };
  return mergeDetectedIntoContact(empty, detected, now);
}
