/**
 * The preview of an import: for each person in a parsed file, whether it will be created, merged
 * into a stored contact (matched by email or profile URL, through the indexes) or skipped, and
 * for each purchase, which contact it goes to. Reads the database, writes nothing; the user
 * confirms the plan and import-run.ts carries it out.
 *
 * - People who share an email or profile URL inside the file are one person: the later rows are
 *   folded into the first (lists unioned, empty fields filled) and counted as skipped, "same
 *   person as line N".
 * - People are matched by email or profile URL, or by phone when they have neither
 *   (records.ts identityKeys).
 * - A person matching a stored contact is a merge when it adds something (an email, phone,
 *   profile, tag, an empty field, a new note; with "update existing" also a different value for
 *   a field the user did not type), else a skip ("already stored, nothing new").
 * - A purchase goes to the stored contact with its email (or id), else to the file's person with
 *   that email; a customer id (CDNOW) with no contact gets a new one ("CDNOW customer 17"). A
 *   purchase whose email is nobody's is rejected with its line. One that is already stored (same
 *   contact, date, amount and currency, counted) is skipped, so importing a file twice adds
 *   nothing.
 * - With `createFromPurchases`, a purchase whose email is nobody's gets a new contact instead
 *   (one per email, named from the file's name column when it has one), counted apart from the
 *   file's people; without it, the plan still counts those emails so the preview can offer it.
 */
import { contactsWriteMark, newId, type CrmDatabase } from '../db';
import { primaryKeysByIndex } from '../db/index-lookup';
import { yieldToPage } from './yield-to-page';
import type { Contact } from '../model';
import { ContactOverLimit, customerTag, identityKeys, importedKeys, importSource, mergeImportedIntoContact, storedKeys } from './records';
import type { ImportedContact, ImportedTransaction, ImportFormat, ParsedImport, RejectedRow } from './types';

export type ContactAction = 'create' | 'merge' | 'skip';

export interface PlannedContact {
  line: number;
  action: ContactAction;
  /** The person as it will be written: folded with its duplicates later in the file. */
  imported: ImportedContact;
  /** The new contact's id (create) or the stored contact's (merge). */
  contactId?: string;
  /** For a merge or skip: the stored contact's name, for the preview. */
  matchedName?: string;
  /** For a skip: why, in plain words. */
  reason?: string;
}

export type DealTarget =
  | { kind: 'stored'; contactId: string }
  /** A person of this file, created or merged by this import. */
  | { kind: 'file'; contactId: string }
  /** A new contact for a customer id. */
  | { kind: 'customer'; contactId: string; customerId: string }
  /** A new contact made from the purchase rows of an email nobody has (createFromPurchases). */
  | { kind: 'from-purchase'; contactId: string; email: string };

/** A contact to make from purchase rows: their email, the first name the rows give, the first row's line. */
export interface PurchaseContact {
  email: string;
  name?: string;
  contactId: string;
  line: number;
}

export interface PlannedTransaction {
  transaction: ImportedTransaction;
  target: DealTarget;
}

export interface ImportCounts {
  create: number;
  merge: number;
  skip: number;
  rejected: number;
  /** Purchases that will be written as won deals. */
  deals: number;
  /** Purchases already stored, left out. */
  dealsSkipped: number;
  /** Contacts made for customer ids (CDNOW customers). */
  customers: number;
  /** Contacts made from purchase rows whose email is nobody's (createFromPurchases). */
  fromPurchases: number;
}

export interface ImportPlan {
  format: ImportFormat;
  updateExisting: boolean;
  rows: number;
  contacts: PlannedContact[];
  transactions: PlannedTransaction[];
  /** New contacts for customer ids, by id. */
  customers: { customerId: string; contactId: string }[];
  createFromPurchases: boolean;
  /** New contacts from purchase rows, one per email (empty without createFromPurchases). */
  fromPurchases: PurchaseContact[];
  /**
   * Distinct purchase emails that match no contact, stored or in the file: what
   * createFromPurchases creates (and, without it, why those purchase rows are rejected).
   */
  missingEmails: number;
  /** The parser's rejections and the plan's, by line. */
  rejected: RejectedRow[];
  notices: string[];
  counts: ImportCounts;
  /**
   * The contacts' write mark (lib/db/write-marks.ts) read before the preview looked anything
   * up: while it is unchanged, no contact was written since, and the import need not look its
   * keys up again. Absent: the import always looks again.
   */
  contactsMark?: string | null;
}

/** Keys per query: anyOf over a few thousand keys is one index walk. */
const LOOKUP_CHUNK = 5_000;
/** People handled between pauses that let the page paint and respond (each costs ~50 µs: ~12 ms a stretch). */
const YIELD_EVERY = 250;


function unionBy<T>(first: readonly T[], second: readonly T[], key: (item: T) => string = String): T[] {
  const seen = new Map<string, T>();
  for (const item of [...first, ...second]) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** A later row of the same person folded into the first: lists unioned, empty fields filled. */
export function foldImported(first: ImportedContact, later: ImportedContact): ImportedContact {
  const folded: ImportedContact = {
    ...first,
    emails: unionBy(first.emails, later.emails),
    phones: unionBy(first.phones, later.phones),
    profiles: unionBy(first.profiles, later.profiles, (profile) => profile.url),
    tags: unionBy(first.tags, later.tags),
  };
  for (const field of ['name', 'company', 'title', 'location', 'avatarUrl'] as const) {
    if (!folded[field]?.trim() && later[field]?.trim()) folded[field] = later[field];
  }
  // Addresses go with the location they were read with: the first row's, else a later one's.
  if (!folded.addresses?.length && later.addresses?.length) folded.addresses = later.addresses;
  const notes = [first.note?.trim(), later.note?.trim()].filter((note): note is string => !!note);
  if (notes.length > 0) folded.note = [...new Set(notes)].join('\n\n');
  return folded;
}

async function anyOfKeys(db: CrmDatabase, index: 'emails' | 'profileUrls' | 'phones', keys: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < keys.length; start += LOOKUP_CHUNK) ids.push(...(await db.contacts.where(index).anyOf(keys.slice(start, start + LOOKUP_CHUNK)).primaryKeys()));
  return ids;
}

/**
 * Live stored contacts by identity key (`email:…`, `url:…`, `phone:…`, see records.ts), the
 * oldest one per key, looked up through the emails, profileUrls and phones indexes.
 * `storedCount`: how many contacts are stored, when the caller knows it (an import counts once and
 * adds what it wrote): IndexedDB's count() walks every entry, ~5 ms per 1,000 in Chromium, and
 * an import asked it again for each transaction.
 */
export async function storedContactsByKey(db: CrmDatabase, identity: readonly string[], storedCount?: number): Promise<Map<string, Contact>> {
  const found = new Map<string, Contact>();
  const valuesOf = (prefix: string) => [...new Set(identity.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)))];
  // anyOf walks one cursor over the stored keys in range, a round trip through the page per
  // step: cheapest while few contacts are stored (a first import). With more stored than asked,
  // one request per key (lib/db/index-lookup.ts) costs less. Only ids come back; the few
  // matches are read after.
  const stored = storedCount ?? (await db.contacts.count());
  const ids = new Set<string>();
  for (const [index, prefix] of [['emails', 'email:'], ['profileUrls', 'url:'], ['phones', 'phone:']] as const) {
    const keys = valuesOf(prefix);
    if (keys.length === 0) continue;
    const found = keys.length > stored ? await anyOfKeys(db, index, keys) : await primaryKeysByIndex(db, db.contacts, index, keys);
    for (const id of found) ids.add(id);
  }
  if (ids.size > 0) for (const row of await db.contacts.bulkGet([...ids])) if (row && !row.deletedAt) found.set(row.id, row);
  const byKey = new Map<string, Contact>();
  for (const contact of [...found.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const key of storedKeys(contact)) if (!byKey.has(key)) byKey.set(key, contact);
  }
  return byKey;
}

/** Stored "note" bodies of the given contacts, to leave out notes imported before. */
async function storedNotes(db: CrmDatabase, contactIds: readonly string[]): Promise<Set<string>> {
  const notes = new Set<string>();
  for (let start = 0; start < contactIds.length; start += LOOKUP_CHUNK) {
    const rows = await db.interactions.where('contactId').anyOf(contactIds.slice(start, start + LOOKUP_CHUNK)).toArray();
    for (const row of rows) if (row.kind === 'note' && row.body) notes.add(`${row.contactId}\u0000${row.body}`);
  }
  return notes;
}

/** Contacts made by an earlier import of this format for customer ids, by customer id. */
async function storedCustomers(db: CrmDatabase, format: ImportFormat): Promise<Map<string, string>> {
  const byCustomer = new Map<string, string>();
  const kind = importSource(format, 0)!.kind;
  await db.contacts
    .where('tags')
    .equals(customerTag(format))
    .each((contact) => {
      const url = contact.source?.url;
      if (!contact.deletedAt && contact.source?.kind === kind && url?.startsWith('customer:')) byCustomer.set(url.slice('customer:'.length), contact.id);
    });
  return byCustomer;
}

function dealKey(contactId: string, deal: { at: number; amount: number; currency: string }): string {
  return `${contactId}\u0000${deal.at}\u0000${deal.amount}\u0000${deal.currency}`;
}

/** How many won deals of each (contact, date, amount, currency) are stored. */
async function storedDealCounts(db: CrmDatabase, contactIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let start = 0; start < contactIds.length; start += LOOKUP_CHUNK) {
    const rows = await db.deals.where('contactId').anyOf(contactIds.slice(start, start + LOOKUP_CHUNK)).toArray();
    for (const row of rows) if (row.status === 'won') counts.set(dealKey(row.contactId, row), (counts.get(dealKey(row.contactId, row)) ?? 0) + 1);
  }
  return counts;
}

export interface PlanOptions {
  updateExisting: boolean;
  /** Make a contact for each purchase email that matches nobody, instead of rejecting its rows. */
  createFromPurchases?: boolean;
  now?: number;
}

/** The preview of importing `parsed` into `db`. Reads only. */
export async function planImport(db: CrmDatabase, parsed: ParsedImport, options: PlanOptions): Promise<ImportPlan> {
  const now = options.now ?? Date.now();
  const rejected: RejectedRow[] = [...parsed.rejected];
  // Before any lookup: a contact written after this read changes the mark, seen or not.
  const contactsMark = await contactsWriteMark(db);

  // 1. One entry per person of the file: later rows sharing a key are folded into the first.
  const entries: PlannedContact[] = [];
  const entryByKey = new Map<string, PlannedContact>();
  const skippedDuplicates: PlannedContact[] = [];
  for (const [index, imported] of parsed.contacts.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToPage();
    // Keys are read from the entry's own copy: importedKeys caches them per object (phone
    // parsing is most of a row's cost), so steps 2 and 3 and the write reuse them.
    const own = { ...imported };
    const keys = identityKeys(importedKeys(own));
    const first = keys.map((key) => entryByKey.get(key)).find((entry) => entry !== undefined);
    if (first) {
      first.imported = foldImported(first.imported, imported);
      skippedDuplicates.push({ line: imported.line, action: 'skip', imported, reason: `Same person as line ${first.line}; merged into it.` });
      for (const key of identityKeys(importedKeys(first.imported))) if (!entryByKey.has(key)) entryByKey.set(key, first);
      continue;
    }
    const entry: PlannedContact = { line: imported.line, action: 'create', imported: own };
    entries.push(entry);
    for (const key of keys) entryByKey.set(key, entry);
  }

  // 2. Stored contacts sharing a key with any person or purchase of the file.
  const identity = entries.flatMap((entry) => identityKeys(importedKeys(entry.imported)));
  for (const { contact } of parsed.transactions) if ('email' in contact) identity.push(`email:${contact.email.trim().toLowerCase()}`);
  const stored = await storedContactsByKey(db, identity);

  // 3. Create, merge or skip.
  const matches: Array<Contact | undefined> = [];
  for (const [index, entry] of entries.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToPage();
    matches.push(identityKeys(importedKeys(entry.imported)).map((key) => stored.get(key)).find((c) => c !== undefined));
  }
  const notes = await storedNotes(
    db,
    [...new Set(matches.flatMap((match, index) => (match && entries[index]!.imported.note?.trim() ? [match.id] : [])))],
  );
  /** People refused because the import would take their stored contact over a limit. */
  const overLimit = new Set<PlannedContact>();
  for (const [index, entry] of entries.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToPage();
    const match = matches[index];
    if (!match) {
      entry.contactId = newId(now);
      continue;
    }
    entry.contactId = match.id;
    entry.matchedName = match.name;
    const note = entry.imported.note?.trim();
    const newNote = !!note && !notes.has(`${match.id}\u0000${note}`);
    if (!newNote) delete entry.imported.note;
    let changes: boolean;
    try {
      changes = mergeImportedIntoContact(match, entry.imported, { updateExisting: options.updateExisting }, now) !== null;
    } catch (error) {
      if (!(error instanceof ContactOverLimit)) throw error;
      rejected.push({ line: entry.line, reason: error.message });
      overLimit.add(entry);
      continue;
    }
    if (changes || newNote) entry.action = 'merge';
    else Object.assign(entry, { action: 'skip', reason: 'Already stored; the file adds nothing new.' });
  }

  // 4. Purchases.
  const transactions: PlannedTransaction[] = [];
  const customers = new Map<string, string>();
  const idRefs = [...new Set(parsed.transactions.flatMap(({ contact }) => ('id' in contact ? [contact.id] : [])))];
  const byId = new Map<string, Contact>();
  if (idRefs.length > 0) {
    for (const contact of await db.contacts.bulkGet(idRefs)) if (contact && !contact.deletedAt) byId.set(contact.id, contact);
  }
  const earlierCustomers = idRefs.length > 0 ? await storedCustomers(db, parsed.format) : new Map<string, string>();
  const createFromPurchases = options.createFromPurchases === true;
  const fromPurchases = new Map<string, PurchaseContact>();
  const missingEmails = new Set<string>();
  for (const transaction of parsed.transactions) {
    let target: DealTarget | undefined;
    if ('email' in transaction.contact) {
      const email = transaction.contact.email.trim().toLowerCase();
      const key = `email:${email}`;
      const storedContact = stored.get(key);
      const fileEntry = entryByKey.get(key);
      if (storedContact) target = { kind: 'stored', contactId: storedContact.id };
      else if (fileEntry?.contactId) target = { kind: 'file', contactId: fileEntry.contactId };
      else {
        missingEmails.add(email);
        if (!createFromPurchases) {
          rejected.push({
            line: transaction.line,
            reason: `No contact has the email ${transaction.contact.email}; import that contact first, or create contacts from purchases.`,
          });
          continue;
        }
        let made = fromPurchases.get(email);
        if (!made) fromPurchases.set(email, (made = { email, contactId: newId(now), line: transaction.line }));
        // The first name any of the email's rows gives.
        if (!made.name && transaction.name?.trim()) made.name = transaction.name.trim();
        target = { kind: 'from-purchase', contactId: made.contactId, email };
      }
    } else {
      const ref = transaction.contact.id;
      const known = byId.get(ref)?.id ?? earlierCustomers.get(ref);
      if (known) target = { kind: 'stored', contactId: known };
      else {
        let contactId = customers.get(ref);
        if (!contactId) customers.set(ref, (contactId = newId(now)));
        target = { kind: 'customer', contactId, customerId: ref };
      }
    }
    transactions.push({ transaction, target });
  }

  // 5. Purchases already stored are left out, counted: a file imported twice adds nothing.
  const storedTargets = [
    ...new Set(transactions.flatMap(({ target }) => (target.kind === 'customer' || target.kind === 'from-purchase' ? [] : [target.contactId]))),
  ];
  const already = await storedDealCounts(db, storedTargets);
  const fresh = transactions.filter(({ target, transaction }) => {
    const key = dealKey(target.contactId, transaction);
    const left = already.get(key) ?? 0;
    if (left === 0) return true;
    already.set(key, left - 1);
    return false;
  });

  const contacts = [...entries.filter((entry) => !overLimit.has(entry)), ...skippedDuplicates].sort((a, b) => a.line - b.line);
  rejected.sort((a, b) => a.line - b.line);
  const count = (action: ContactAction) => contacts.filter((entry) => entry.action === action).length;
  return {
    format: parsed.format,
    updateExisting: options.updateExisting,
    rows: parsed.rows,
    contacts,
    transactions: fresh,
    customers: [...customers].map(([customerId, contactId]) => ({ customerId, contactId })),
    createFromPurchases,
    fromPurchases: [...fromPurchases.values()],
    missingEmails: missingEmails.size,
    rejected,
    notices: parsed.notices,
    counts: {
      create: count('create'),
      merge: count('merge'),
      skip: count('skip'),
      rejected: rejected.length,
      deals: fresh.length,
      dealsSkipped: transactions.length - fresh.length,
      customers: customers.size,
      fromPurchases: fromPurchases.size,
    },
    contactsMark,
  };
}
