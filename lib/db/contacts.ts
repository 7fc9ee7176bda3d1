import type { CountryCode } from 'libphonenumber-js/min';
import {
  Contact,
  Interaction,
  isEmailAddress,
  normalizeEmail,
  type ContactSource,
  type DetectedContact,
  type EditableField,
  type LifecycleStage,
} from '../model';
import { toE164 } from '../model/phone';
import { recordInteractions } from './activity';
import { assertRoomFor } from '../model/contact-limits';
import { withIndexKeys } from './contact-keys';
import type { CrmDatabase } from './types';
import { newId } from './ids';
import { readTeamStamp } from './team-stamp';
import { contactFromDetected, detectionKeys, mergeDetectedIntoContact } from './merge-detected';
import { cleanTag } from '../model/contact-draft/stored-fields';

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
  // While syncing, whoever adds a person owns them until someone hands them over.
  const team = await readTeamStamp(db);
  return db.transaction('rw', db.contacts, async () => {
    const [existing] = await findContactsForDetection(db, detected);
    const contact = existing
      ? mergeDetectedIntoContact(existing, detected, now)
      : { ...contactFromDetected(detected, newId(now), { ...source, at: now }, now), ...(team ? { ownerId: team.user } : {}) };
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

/** A live contact inside a transaction, or an error in plain words. */
async function liveContact(db: CrmDatabase, id: string): Promise<Contact> {
  const existing = await db.contacts.get(id);
  if (!existing || existing.deletedAt) throw new Error(`No contact with id ${id}`);
  return existing;
}

/**
 * Moves a contact to another lifecycle stage and logs the move as a `stage-change` interaction
 * ("lead → customer"), in one transaction. Setting the stage it already has changes nothing.
 */
export async function setContactStage(db: CrmDatabase, id: string, stage: LifecycleStage, now: number = Date.now()): Promise<Contact> {
  return db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
    const existing = await liveContact(db, id);
    if (existing.stage === stage) return existing;
    const updated = Contact.parse(withIndexKeys({ ...existing, stage, updatedAt: now }));
    await db.contacts.put(updated);
    const change = Interaction.parse({
      id: newId(now),
      contactId: id,
      kind: 'stage-change',
      at: now,
      subject: `${existing.stage} → ${stage}`,
    });
    await db.interactions.add(change);
    await recordInteractions(db, [change], now);
    return updated;
  });
}

export { cleanTag };

/** Adds a tag (trimmed; a tag already there in any letter case is not added twice). */
export async function addContactTag(db: CrmDatabase, id: string, tag: string, now: number = Date.now()): Promise<Contact> {
  const cleaned = cleanTag(tag);
  if (cleaned === '') throw new Error('A tag cannot be empty.');
  if (cleaned.length > 80) throw new Error('Keep tags under 80 characters.');
  return db.transaction('rw', db.contacts, async () => {
    const existing = await liveContact(db, id);
    if (existing.tags.some((t) => t.toLowerCase() === cleaned.toLowerCase())) return existing;
    assertRoomFor(existing, 'tags');
    const updated = Contact.parse(withIndexKeys({ ...existing, tags: [...existing.tags, cleaned], updatedAt: now }));
    await db.contacts.put(updated);
    return updated;
  });
}

/** Removes a tag (exact match); removing one that is not there changes nothing. */
export async function removeContactTag(db: CrmDatabase, id: string, tag: string, now: number = Date.now()): Promise<Contact> {
  return db.transaction('rw', db.contacts, async () => {
    const existing = await liveContact(db, id);
    if (!existing.tags.includes(tag)) return existing;
    const updated = Contact.parse(withIndexKeys({ ...existing, tags: existing.tags.filter((t) => t !== tag), updatedAt: now }));
    await db.contacts.put(updated);
    return updated;
  });
}

/**
 * Adds an email address the user typed (lower-cased). An address another live contact already
 * has is refused with its owner's name: two contacts sharing an address are duplicates to merge.
 */
export async function addContactEmail(db: CrmDatabase, id: string, raw: string, now: number = Date.now()): Promise<Contact> {
  const email = normalizeEmail(raw);
  if (!isEmailAddress(email)) throw new Error(`“${raw.trim()}” is not an email address, like name@example.com.`);
  return db.transaction('rw', db.contacts, async () => {
    const existing = await liveContact(db, id);
    if (existing.emails.includes(email)) return existing;
    const owner = (await db.contacts.where('emails').equals(email).toArray()).find((c) => !c.deletedAt && c.id !== id);
    if (owner) throw new Error(`${email} already belongs to ${owner.name?.trim() || 'another contact'}.`);
    assertRoomFor(existing, 'emails');
    const updated = Contact.parse(withIndexKeys({ ...existing, emails: [...existing.emails, email], updatedAt: now }));
    await db.contacts.put(updated);
    return updated;
  });
}

export async function removeContactEmail(db: CrmDatabase, id: string, email: string, now: number = Date.now()): Promise<Contact> {
  return db.transaction('rw', db.contacts, async () => {
    const existing = await liveContact(db, id);
    if (!existing.emails.includes(email)) return existing;
    const updated = Contact.parse(withIndexKeys({ ...existing, emails: existing.emails.filter((e) => e !== email), updatedAt: now }));
    await db.contacts.put(updated);
    return updated;
  });
}

/** Adds a phone number the user typed, in E.164 where its country can be known. */
export async function addContactPhone(
  db: CrmDatabase,
  id: string,
  raw: string,
  country?: CountryCode,
  now: number = Date.now(),
): Promise<Contact> {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 20 || /[^\d\s()+\-./]/.test(raw.trim())) {
    throw new Error(`“${raw.trim()}” is not a phone number, like +44 20 7946 0000.`);
  }
  const phone = toE164(raw, country);
  return db.transaction('rw', db.contacts, async () => {
    const existing = await liveContact(db, id);
    if (existing.phones.includes(phone)) return existing;
    assertRoomFor(existing, 'phones');
    const updated = Contact.parse(withIndexKeys({ ...existing, phones: [...existing.phones, phone], updatedAt: now }));
    await db.contacts.put(updated);
    return updated;
  });
}

export async function removeContactPhone(db: CrmDatabase, id: string, phone: string, now: number = Date.now()): Promise<Contact> {
  return db.transaction('rw', db.contacts, async () => {
    const existing = await liveContact(db, id);
    if (!existing.phones.includes(phone)) return existing;
    const updated = Contact.parse(withIndexKeys({ ...existing, phones: existing.phones.filter((p) => p !== phone), updatedAt: now }));
    await db.contacts.put(updated);
    return updated;
  });
}
