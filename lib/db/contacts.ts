import { Contact, type ContactSource, type DetectedContact, type EditableField } from '../model';
import { withIndexKeys } from './contact-keys';
import type { CrmDatabase } from './database';
import { newId } from './ids';
import { contactFromDetected, detectionKeys, mergeDetectedIntoContact } from './merge-detected';

/** Live contacts sharing any email or profile URL with a detection, oldest first. */
export async function findContactsForDetection(db: CrmDatabase, detected: DetectedContact): Promise<Contact[]> {
  const { emails, profileUrls } = detectionKeys(detected);
  const [byEmail, byProfile] = await Promise.all([
    emails.length ? db.contacts.where('emails').anyOf(emails).toArray() : [],
    profileUrls.length ? db.contacts.where('profileUrls').anyOf(profileUrls).toArray() : [],
  ]);
  const unique = new Map<string, Contact>();
  for (const contact of [...byEmail, ...byProfile]) if (!contact.deletedAt) unique.set(contact.id, contact);
  return [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export interface SavedDetection {
  contact: Contact;
  created: boolean;
}

/**
 * Turns a detected person into a stored contact: merged into the oldest contact that shares an
 * email or profile URL, or created. One transaction, so two tabs adding the same person at once
 * still end with one contact.
 */
export async function saveDetectedContact(
  db: CrmDatabase,
  detected: DetectedContact,
  source: Omit<ContactSource, 'at'>,
  now: number = Date.now(),
): Promise<SavedDetection> {
  return db.transaction('rw', db.contacts, async () => {
    const [existing] = await findContactsForDetection(db, detected);
    const contact = existing
      ? mergeDetectedIntoContact(existing, detected, now)
      : contactFromDetected(detected, newId(now), { ...source, at: now }, now);
    await db.contacts.put(Contact.parse(contact));
    return { contact, created: !existing };
  });
}

/** The most recently changed live contacts. */
export async function recentContacts(db: CrmDatabase, limit = 200): Promise<Contact[]> {
  return db.contacts
    .orderBy('updatedAt')
    .reverse()
    .filter((contact) => !contact.deletedAt)
    .limit(limit)
    .toArray();
}

export async function getContact(db: CrmDatabase, id: string): Promise<Contact | undefined> {
  const contact = await db.contacts.get(id);
  return contact && !contact.deletedAt ? contact : undefined;
}

/** The user typed a field: store it and remember it, so later scrapes leave it alone. */
export async function editContactField(
  db: CrmDatabase,
  id: string,
  field: EditableField,
  value: string,
  now: number = Date.now(),
): Promise<Contact> {
  return db.transaction('rw', db.contacts, async () => {
    const existing = await db.contacts.get(id);
    if (!existing || existing.deletedAt) throw new Error(`No contact with id ${id}`);
    const trimmed = value.trim();
    const edited: Contact = {
      ...existing,
      [field]: trimmed === '' ? undefined : trimmed,
      userFields: existing.userFields.includes(field) ? existing.userFields : [...existing.userFields, field],
      updatedAt: now,
    };
    const parsed = Contact.parse(withIndexKeys(edited));
    await db.contacts.put(parsed);
    return parsed;
  });
}
