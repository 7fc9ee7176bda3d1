/**
 * The per-contact limits (CONTACT_LIMITS in lib/model) in the words a person reads. The model
 * refuses a contact over them anyway; these say so before a write, in plain language, for the
 * paths that grow a contact's lists: an edit, a merge of two contacts, an import.
 */
import { CONTACT_LIMITS, type Contact } from './contact';

type Listed = keyof typeof CONTACT_LIMITS;
type ContactLists = Pick<Contact, Listed>;

const WORDS: Record<Listed, string> = { emails: 'email addresses', phones: 'phone numbers', profiles: 'profile links', tags: 'tags' };

/** What is over a limit, e.g. "63 email addresses (one contact holds at most 50)"; undefined when nothing is. */
export function overLimit(contact: ContactLists): string | undefined {
  for (const list of Object.keys(CONTACT_LIMITS) as Listed[]) {
    const count = contact[list].length;
    if (count > CONTACT_LIMITS[list]) return `${count} ${WORDS[list]} (one contact holds at most ${CONTACT_LIMITS[list]})`;
  }
  return undefined;
}

/** For an edit that adds one item: refuses when the list is already full. */
export function assertRoomFor(contact: ContactLists, list: Listed): void {
  if (contact[list].length >= CONTACT_LIMITS[list]) {
    throw new Error(`This contact already has ${CONTACT_LIMITS[list]} ${WORDS[list]}, the most one contact can hold. Remove one first.`);
  }
}

/**
 * Scraped values beyond a limit are dropped (the stored ones come first, so nothing the contact
 * already had is lost): a page can repeat an address list, but never make a contact unsyncable.
 */
export function keepWithinLimits<T extends ContactLists>(contact: T): T {
  const kept = { ...contact };
  for (const list of Object.keys(CONTACT_LIMITS) as Listed[]) {
    if (kept[list].length > CONTACT_LIMITS[list]) (kept as ContactLists)[list] = kept[list].slice(0, CONTACT_LIMITS[list]) as never;
  }
  return kept;
}
