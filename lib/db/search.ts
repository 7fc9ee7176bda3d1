import { searchWords, type Contact, type LifecycleStage, type ValueTier } from '../model';
import type { CrmDatabase } from './database';

export interface ContactQuery {
  /** Words typed by the user; each must prefix-match a word of the name, email, company or a tag. */
  text?: string;
  stage?: LifecycleStage;
  tier?: ValueTier;
  tag?: string;
  /** By name (default), or most recently changed first. */
  sort?: 'name' | 'recent';
}

export interface ContactSearchResult {
  contacts: Contact[];
  /** More contacts matched than were read; the user should type more to narrow. */
  truncated: boolean;
}

/** Candidates read through an index before the other conditions are checked in memory. */
export const MAX_CANDIDATES = 2_000;

function matchesWords(contact: Contact, words: string[]): boolean {
  return words.every((word) => contact.searchTokens.some((token) => token.startsWith(word)));
}

/**
 * Contacts matching a query, always read through an index (never a scan of the whole table):
 * the longest typed word through `*searchTokens` (prefix, diacritics-insensitive: the tokens are
 * folded the same way), else the tier through `values.tier`, the tag through `*tags`, the stage
 * through `stage`, else the most recently changed. The remaining conditions filter those
 * candidates. Results are sorted by name, or most recent first.
 */
export async function searchContacts(db: CrmDatabase, query: ContactQuery): Promise<ContactSearchResult> {
  const words = searchWords(query.text ?? '').sort((a, b) => b.length - a.length);
  let candidates: Contact[];
  if (words.length > 0) {
    candidates = await db.contacts.where('searchTokens').startsWith(words[0]!).distinct().limit(MAX_CANDIDATES + 1).toArray();
  } else if (query.tier) {
    const ids = await db.values.where('tier').equals(query.tier).limit(MAX_CANDIDATES + 1).primaryKeys();
    candidates = (await db.contacts.bulkGet(ids)).filter((contact): contact is Contact => contact !== undefined);
  } else if (query.tag) {
    candidates = await db.contacts.where('tags').equals(query.tag).limit(MAX_CANDIDATES + 1).toArray();
  } else if (query.stage) {
    candidates = await db.contacts.where('stage').equals(query.stage).limit(MAX_CANDIDATES + 1).toArray();
  } else {
    candidates = await db.contacts.orderBy('updatedAt').reverse().limit(MAX_CANDIDATES + 1).toArray();
  }
  const truncated = candidates.length > MAX_CANDIDATES;
  candidates = candidates.slice(0, MAX_CANDIDATES);

  let tierOf: Map<string, ValueTier> | undefined;
  if (query.tier && words.length > 0) {
    const rows = await db.values.bulkGet(candidates.map((contact) => contact.id));
    tierOf = new Map(rows.flatMap((row) => (row ? [[row.contactId, row.tier] as const] : [])));
  }
  const contacts = candidates.filter(
    (contact) =>
      !contact.deletedAt &&
      matchesWords(contact, words) &&
      (!query.stage || contact.stage === query.stage) &&
      (!query.tag || contact.tags.includes(query.tag)) &&
      (!tierOf || tierOf.get(contact.id) === query.tier),
  );
  if (query.sort === 'recent') {
    contacts.sort((a, b) => b.updatedAt - a.updatedAt);
  } else {
    const name = (contact: Contact) => (contact.name ?? contact.emails[0] ?? '').toLocaleLowerCase();
    contacts.sort((a, b) => name(a).localeCompare(name(b)));
  }
  return { contacts, truncated };
}
