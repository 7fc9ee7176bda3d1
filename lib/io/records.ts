/**
 * Parsed file → database rows, without a database: contacts (new ids, canonical keys, index keys),
 * a "note" interaction per imported note, and a won deal per transaction. Pure apart from newId.
 * The import runner (import-plan.ts) uses the same builders after matching against stored
 * contacts; `npm run io -- convert --to json` uses recordsFromImport as a whole.
 */
import { cleanTag, newId } from '../db';
import { withIndexKeys } from '../db/contact-keys';
import { canonicalProfileUrl, Contact, Deal, Interaction, normalizeEmail, overLimit, type ProfileLink } from '../model';
import { toE164 } from '../model/phone';
import type { ImportedContact, ImportedTransaction, ImportFormat, ParsedImport } from './types';

/** Interaction bodies are bounded by the model; a longer note is cut, not rejected. */
const MAX_NOTE_LENGTH = 100_000;
const MAX_FIELD_LENGTH = 300;

export interface ImportRecords {
  contacts: Contact[];
  interactions: Interaction[];
  deals: Deal[];
}

/** Where an imported contact came from: `import:google-csv` and so on. */
export function importSource(format: ImportFormat, now: number, url?: string): Contact['source'] {
  return url === undefined ? { kind: `import:${format}`, at: now } : { kind: `import:${format}`, url, at: now };
}

function unique<T>(items: readonly T[], key: (item: T) => string = String): T[] {
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

type ImportedKeys = Pick<Contact, 'emails' | 'phones' | 'profiles' | 'tags'>;
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
  return {
    emails: unique(imported.emails.map(normalizeEmail).filter((email) => email.length > 0 && email.length <= 320)),
    phones: unique(imported.phones.map((phone) => toE164(phone)).filter((phone) => phone.length > 0 && phone.length <= 40)),
    profiles: unique(profiles, (profile) => profile.url),
    tags: unique(
      imported.tags.map(cleanTag).filter((tag) => tag.length > 0 && tag.length <= 80),
      (tag) => tag.toLowerCase(),
    ),
  };
}

/**
 * The keys a person is matched by: emails and profile URLs; a phone number only for someone
 * with neither (an office line is often shared by colleagues, so it identifies nobody who has a
 * better key, but a person known only by a phone would otherwise be duplicated by every import).
 */
export function identityKeys(contact: Pick<Contact, 'emails' | 'profiles' | 'phones'>): string[] {
  const keys = [...contact.emails.map((email) => `email:${email}`), ...contact.profiles.map((profile) => `url:${profile.url}`)];
  return keys.length > 0 ? keys : contact.phones.map((phone) => `phone:${phone}`);
}

/** Every key a stored contact can be found by (see identityKeys). */
export function storedKeys(contact: Pick<Contact, 'emails' | 'profiles' | 'phones'>): string[] {
  return [
    ...contact.emails.map((email) => `email:${email}`),
    ...contact.profiles.map((profile) => `url:${profile.url}`),
    ...contact.phones.map((phone) => `phone:${phone}`),
  ];
}

/** A person who would go over a per-contact limit (CONTACT_LIMITS): refused with its line, not stored. */
export class ContactOverLimit extends Error {}

/** The scalar fields an import can fill; the same names as Contact's editable fields. */
export const IMPORTED_FIELDS = ['name', 'company', 'title', 'location', 'avatarUrl'] as const;
type ImportedField = (typeof IMPORTED_FIELDS)[number];

function importedValues(imported: ImportedContact): Partial<Record<ImportedField, string>> {
  return {
    name: bounded(imported.name),
    company: bounded(imported.company),
    title: bounded(imported.title),
    location: bounded(imported.location),
    avatarUrl: httpUrl(imported.avatarUrl),
  };
}

/**
 * A new contact from an imported person. Imported values are not marked as typed by the user
 * (`userFields` stays empty): they came from another program, and a later import with "update
 * existing" may replace them.
 */
export function contactFromImported(imported: ImportedContact, id: string, format: ImportFormat, now: number): Contact {
  const contact: Contact = {
    id,
    ...importedKeys(imported),
    stage: 'lead',
    userFields: [],
    source: importSource(format, now),
    createdAt: now,
    updatedAt: now,
    profileUrls: [],
    searchTokens: [],
  };
  for (const [field, value] of Object.entries(importedValues(imported))) {
    if (value !== undefined) contact[field as ImportedField] = value;
  }
  // Rows with the same keys later in the file were folded into this one (import-plan.ts).
  const over = overLimit(contact);
  if (over) throw new ContactOverLimit(`with the rows for the same person folded in, it would have ${over}`);
  return Contact.parse(withIndexKeys(contact));
}

/**
 * Folds an imported person into a stored contact. Emails, phones, profiles and tags are always
 * unioned (adding never loses anything). A scalar field is filled when empty; with
 * `updateExisting` a stored value is replaced too, except a field the user typed
 * (`userFields`): what someone typed in this product beats what another program exported.
 * Returns null when nothing would change, so an unchanged contact is not rewritten.
 */
export function mergeImportedIntoContact(
  existing: Contact,
  imported: ImportedContact,
  options: { updateExisting: boolean },
  now: number,
): Contact | null {
  const keys = importedKeys(imported);
  const merged: Contact = {
    ...existing,
    emails: unique([...existing.emails, ...keys.emails]),
    phones: unique([...existing.phones, ...keys.phones]),
    profiles: unique([...existing.profiles, ...keys.profiles], (profile) => profile.url),
    tags: unique([...existing.tags, ...keys.tags], (tag) => tag.toLowerCase()),
  };
  for (const [field, value] of Object.entries(importedValues(imported)) as [ImportedField, string | undefined][]) {
    if (value === undefined || existing.userFields.includes(field)) continue;
    if (!existing[field] || options.updateExisting) merged[field] = value;
  }
  const changed =
    merged.emails.length !== existing.emails.length ||
    merged.phones.length !== existing.phones.length ||
    merged.profiles.length !== existing.profiles.length ||
    merged.tags.length !== existing.tags.length ||
    IMPORTED_FIELDS.some((field) => merged[field] !== existing[field]);
  if (!changed) return null;
  const over = overLimit(merged);
  if (over) throw new ContactOverLimit(`merged into ${existing.name?.trim() || 'a stored contact'}, it would have ${over}`);
  return Contact.parse(withIndexKeys({ ...merged, updatedAt: now }));
}

/** An imported note, kept as a "note" interaction dated at the import. */
export function noteInteraction(contactId: string, note: string, now: number): Interaction {
  return Interaction.parse({
    id: newId(now),
    contactId,
    kind: 'note',
    at: now,
    subject: 'Imported note',
    body: note.slice(0, MAX_NOTE_LENGTH),
  });
}

/** A purchase from a transactions file: a won deal. */
export function dealInputFromTransaction(contactId: string, transaction: ImportedTransaction, format: ImportFormat): Omit<Deal, 'id'> {
  return {
    contactId,
    title: format === 'cdnow' ? 'CDNOW purchase' : 'Imported purchase',
    amount: transaction.amount,
    currency: transaction.currency,
    status: 'won',
    at: transaction.at,
  };
}

/** How a contact made for a customer id (e.g. a CDNOW customer) is remembered: its source URL. */
export function customerRef(customerId: string): string {
  return `customer:${customerId}`;
}

/** The tag contacts made for customer ids carry, so they can be found (and filtered) later. */
export function customerTag(format: ImportFormat): string {
  return format === 'cdnow' ? 'cdnow' : 'imported customer';
}

/**
 * A contact for a customer known only by an id in a transactions file ("CDNOW customer 17").
 * Its source remembers the id, so importing the same file again finds it instead of making
 * another.
 */
export function customerContact(customerId: string, id: string, format: ImportFormat, now: number): Contact {
  const label = format === 'cdnow' ? 'CDNOW customer' : 'Customer';
  return Contact.parse(
    withIndexKeys({
      id,
      name: `${label} ${customerId}`.slice(0, MAX_FIELD_LENGTH),
      emails: [],
      phones: [],
      profiles: [],
      tags: [customerTag(format)],
      stage: 'customer',
      userFields: [],
      source: importSource(format, now, customerRef(customerId)),
      createdAt: now,
      updatedAt: now,
      profileUrls: [],
      searchTokens: [],
    }),
  );
}

/** A contact for a customer known only by an email in a transactions file. */
export function emailCustomerContact(email: string, id: string, format: ImportFormat, now: number): Contact {
  return Contact.parse(
    withIndexKeys({
      id,
      emails: [normalizeEmail(email)],
      phones: [],
      profiles: [],
      tags: [],
      stage: 'customer',
      userFields: [],
      source: importSource(format, now),
      createdAt: now,
      updatedAt: now,
      profileUrls: [],
      searchTokens: [],
    }),
  );
}

/**
 * Every row of a parsed file, as new records, with nothing to match against: a file converted
 * on its own (`npm run io -- convert --to json`). People who share an email or profile URL
 * within the file become one contact. Transactions go to the file's contact with that email, or
 * to a new contact per distinct email or customer id (CDNOW customers).
 */
export function recordsFromImport(parsed: ParsedImport, now: number = Date.now()): ImportRecords {
  const contacts: Contact[] = [];
  const interactions: Interaction[] = [];
  const deals: Deal[] = [];
  const byKey = new Map<string, Contact>();
  const positionOf = new Map<string, number>();
  const remember = (contact: Contact) => {
    for (const key of storedKeys(contact)) byKey.set(key, contact);
  };

  for (const imported of parsed.contacts) {
    const keys = identityKeys(importedKeys(imported));
    const earlier = keys.map((key) => byKey.get(key)).find((contact) => contact !== undefined);
    let contact: Contact;
    if (earlier) {
      contact = mergeImportedIntoContact(earlier, imported, { updateExisting: false }, now) ?? earlier;
      contacts[positionOf.get(earlier.id)!] = contact;
    } else {
      contact = contactFromImported(imported, newId(now), parsed.format, now);
      positionOf.set(contact.id, contacts.push(contact) - 1);
    }
    remember(contact);
    if (imported.note?.trim()) interactions.push(noteInteraction(contact.id, imported.note.trim(), now));
  }

  const byCustomerId = new Map<string, Contact>();
  for (const transaction of parsed.transactions) {
    let contact: Contact | undefined;
    if ('email' in transaction.contact) {
      const email = normalizeEmail(transaction.contact.email);
      contact = byKey.get(`email:${email}`);
      if (!contact) {
        contact = emailCustomerContact(email, newId(now), parsed.format, now);
        contacts.push(contact);
        remember(contact);
      }
    } else {
      const customerId = transaction.contact.id;
      contact = byCustomerId.get(customerId);
      if (!contact) {
        contact = customerContact(customerId, newId(now), parsed.format, now);
        contacts.push(contact);
        byCustomerId.set(customerId, contact);
      }
    }
    deals.push(Deal.parse({ ...dealInputFromTransaction(contact.id, transaction, parsed.format), id: newId(now) }));
  }
  return { contacts, interactions, deals };
}
