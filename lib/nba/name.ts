import type { Contact } from '../model';

/** What to call a contact in a suggestion: their name, else their first address or profile. */
export function displayNameOf(contact: Pick<Contact, 'name' | 'emails' | 'profiles'>): string {
  return contact.name?.trim() || contact.emails[0] || contact.profiles[0]?.url || 'Unnamed contact';
}
