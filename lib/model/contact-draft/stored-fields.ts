/**
 * An imported person (a file's row or card, a CardDAV client's vCard) → the values a stored
 * Contact holds: identity keys and lists in the forms lib/db stores and matches on (E.164
 * phones with the text as written beside them, canonical profile URLs, clean tags), and the
 * scalar fields bounded. Shared by the importer (lib/io) and the sync server's address book, so a
 * card reads the same whichever way it comes in. Pure: no I/O.
 */
import { CONTACT_FIELD_LIMITS, type Contact, type ProfileLink } from '../contact';
import { canonicalProfileUrl, normalizeEmail } from '../normalize';
import { phoneKey } from '../phone';
import type { ImportedContact } from './types';

const MAX_FIELD_LENGTH = 300;

/** A tag as stored: trimmed, inner runs of white space made one space. */
export function cleanTag(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

export function unique<T>(items: readonly T[], key: (item: T) => string = String): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function bounded(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, MAX_FIELD_LENGTH) : undefined;
}

function httpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && raw.length <= 2048 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export type ImportedKeys = Pick<Contact, 'emails' | 'phones' | 'profiles' | 'tags' | 'phoneText'>;
/** Phones go through libphonenumber (~50 µs each), and planning asks for each person's keys several times. */
const keysCache = new WeakMap<ImportedContact, ImportedKeys>();

/** The identity keys and list fields of an imported person, in the forms lib/db stores. */
export function importedKeys(imported: ImportedContact): ImportedKeys {
  let keys = keysCache.get(imported);
  if (!keys) keysCache.set(imported, (keys = computeImportedKeys(imported)));
  return keys;
}

function computeImportedKeys(imported: ImportedContact): ImportedKeys {
  const profiles = imported.profiles.flatMap((profile): ProfileLink[] => {
    const url = canonicalProfileUrl(profile.url);
    return url ? [{ kind: profile.kind, url }] : [];
  });
  // Each phone's stored form is its key (E.164 where possible); the text as written is kept
  // beside it when it differs, so the contact shows and exports what the file had (issue 17, item 6).
  const phones: string[] = [];
  const phoneText: Record<string, string> = {};
  for (const written of imported.phones) {
    const key = phoneKey(written);
    if (key.length === 0 || key.length > 40 || phones.includes(key)) continue;
    phones.push(key);
    if (written !== key && written.length <= CONTACT_FIELD_LIMITS.phoneText) phoneText[key] = written;
  }
  return {
    emails: unique(imported.emails.map(normalizeEmail).filter((email) => email.length > 0 && email.length <= 320)),
    phones,
    ...(Object.keys(phoneText).length > 0 ? { phoneText } : {}),
    profiles: unique(profiles, (profile) => profile.url),
    tags: unique(
      imported.tags.map(cleanTag).filter((tag) => tag.length > 0 && tag.length <= 80),
      (tag) => tag.toLowerCase(),
    ),
  };
}

/** The scalar fields an import can fill; the same names as Contact's editable fields. */
export const IMPORTED_FIELDS = ['name', 'company', 'title', 'location', 'avatarUrl'] as const;
export type ImportedField = (typeof IMPORTED_FIELDS)[number];

export function importedValues(imported: ImportedContact): Partial<Record<ImportedField, string>> {
  return {
    name: bounded(imported.name),
    company: bounded(imported.company),
    title: bounded(imported.title),
    location: bounded(imported.location),
    avatarUrl: httpUrl(imported.avatarUrl),
  };
}
