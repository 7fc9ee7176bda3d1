import type { Contact } from './contact';
import type { DetectedContact } from './detected';

/**
 * What to call a person: their name, else their first address or profile, else "Unnamed". In
 * lib/model rather than components/ because the service worker (reminder notifications) and the
 * next-best-action rules name people too, and neither may import UI code.
 */
export function displayName(person: Pick<Contact | DetectedContact, 'name' | 'emails' | 'profiles'>): string {
  return person.name?.trim() || person.emails[0] || person.profiles[0]?.url || 'Unnamed contact';
}
