/**
 * Parsed file → database rows, without a database: contacts (new ids, canonical keys, index keys),
 * a "note" interaction per imported note, and a won deal per transaction. Pure apart from newId.
 * The import runner (import-plan.ts) uses the same builders after matching against stored
 * contacts; `npm run io -- convert --to json` uses recordsFromImport as a whole.
 */
import { newId } from '../db';
import { withIndexKeys } from '../db/contact-keys';
import { Contact, Deal, Interaction, normalizeEmail, overLimit } from '../model';
import { IMPORTED_FIELDS, type ImportedField, importedKeys, importedValues, unique } from '../model/contact-draft/stored-fields';
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

export { IMPORTED_FIELDS, importedKeys };

/** A person who would go over a per-contact limit (CONTACT_LIMITS): refused with its line, not stored. */
export class ContactOverLimit extends Error {}

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
  if (imported.addresses?.length) contact.addresses = imported.addresses;
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
  const phoneText = { ...keys.phoneText, ...existing.phoneText };
  const merged: Contact = {
    ...existing,
    emails: unique([...existing.emails, ...keys.emails]),
    phones: unique([...existing.phones, ...keys.phones]),
    ...(Object.keys(phoneText).length > 0 ? { phoneText } : {}),
    profiles: unique([...existing.profiles, ...keys.profiles], (profile) => profile.url),
    tags: unique([...existing.tags, ...keys.tags], (tag) => tag.toLowerCase()),
  };
  for (const [field, value] of Object.entries(importedValues(imported)) as [ImportedField, string | undefined][]) {
    if (value === undefined || existing.userFields.includes(field)) continue;
    if (!existing[field] || options.updateExisting) merged[field] = value;
  }
  // The file's addresses go with its location: filled when the contact has none, replaced with
  // "update existing" unless the user typed the location.
  if (imported.addresses?.length && (!existing.addresses?.length || (options.updateExisting && !existing.userFields.includes('location')))) {
    merged.addresses = imported.addresses;
  }
  const changed =
    JSON.stringify(merged.phoneText ?? {}) !== JSON.stringify(existing.phoneText ?? {}) ||
    JSON.stringify(merged.addresses ?? []) !== JSON.stringify(existing.addresses ?? []) ||
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

/** A contact for a customer known only by an email (and perhaps a name) in a transactions file. */
export function emailCustomerContact(email: string, id: string, format: ImportFormat, now: number, name?: string): Contact {
  const cleanName = name?.trim().slice(0, MAX_FIELD_LENGTH);
  return Contact.parse(
    withIndexKeys({
      id,
      ...(cleanName ? { name: cleanName } : {}),
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
        contact = emailCustomerContact(email, newId(now), parsed.format, now, transaction.name);
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
