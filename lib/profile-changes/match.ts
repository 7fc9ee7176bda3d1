import { canonicalProfileUrl, normalizeEmail, type Contact, type DetectedContact } from '../model';

/**
 * The first of a page's people who is this contact: sharing an email or a profile URL, the keys
 * the panel matches detections by (lib/db findContactsForDetection). Pure; null when none is.
 */
export function personOnPageFor<P extends DetectedContact>(contact: Pick<Contact, 'emails' | 'profileUrls'>, people: readonly P[]): P | null {
  const emails = new Set(contact.emails);
  const urls = new Set(contact.profileUrls);
  return (
    people.find(
      (person) =>
        person.emails.some((email) => emails.has(normalizeEmail(email))) ||
        person.profiles.some((profile) => {
          const url = canonicalProfileUrl(profile.url);
          return url !== undefined && url !== null && urls.has(url);
        }),
    ) ?? null
  );
}
