import type { Contact, DetectedContact } from '@/lib/model';

/** What to call a person: their name, else their first address or profile, else "Unnamed". */
export function displayName(person: Pick<Contact | DetectedContact, 'name' | 'emails' | 'profiles'>): string {
  return person.name?.trim() || person.emails[0] || person.profiles[0]?.url || 'Unnamed contact';
}
