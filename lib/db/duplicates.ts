/**
 * Possible duplicates: two live contacts that share an email address, a phone number or a
 * profile URL are very likely the same person (added from two pages, or typed twice). Found
 * through the `*emails`, `*phones` (schema version 3) and `*profileUrls` indexes, never a scan.
 */
import type { Contact } from '../model';
import type { CrmDatabase } from './types';

/** What two contacts have in common, each list in the first contact's order. Pure. */
export interface SharedKeys {
  emails: string[];
  phones: string[];
  profileUrls: string[];
}

export function sharedKeys(a: Pick<Contact, 'emails' | 'phones' | 'profileUrls'>, b: Pick<Contact, 'emails' | 'phones' | 'profileUrls'>): SharedKeys {
  const common = (first: readonly string[], second: readonly string[]) => {
    const other = new Set(second);
    return [...new Set(first)].filter((key) => other.has(key));
  };
  return { emails: common(a.emails, b.emails), phones: common(a.phones, b.phones), profileUrls: common(a.profileUrls, b.profileUrls) };
}

/**
 * The other live contacts sharing an email, phone or profile URL with `contactId`, oldest first.
 * Empty when the contact is gone or has no such keys.
 */
export async function duplicatesOf(db: CrmDatabase, contactId: string): Promise<Contact[]> {
  const contact = await db.contacts.get(contactId);
  if (!contact || contact.deletedAt) return [];
  const [byEmail, byPhone, byProfile] = await Promise.all([
    contact.emails.length ? db.contacts.where('emails').anyOf(contact.emails).toArray() : [],
    contact.phones.length ? db.contacts.where('phones').anyOf(contact.phones).toArray() : [],
    contact.profileUrls.length ? db.contacts.where('profileUrls').anyOf(contact.profileUrls).toArray() : [],
  ]);
  const found = new Map<string, Contact>();
  for (const other of [...byEmail, ...byPhone, ...byProfile]) {
    if (other.id !== contactId && !other.deletedAt) found.set(other.id, other);
  }
  return [...found.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}
