import { matchesOwner, searchWords, UNASSIGNED, type Contact, type LifecycleStage, type ValueTier } from '../model';
import { localIsoDay, localMidnight } from '../value/recompute';
import type { ActivityFacts } from './activity';
import type { CrmDatabase } from './types';

/**
 * How All contacts is ordered: by name, most recently changed, or by an activity fact (the
 * `activity` table's indexes, schema version 2), largest or latest first.
 */
export const CONTACT_SORTS = ['name', 'recent', 'last-contacted', 'open-deal-value', 'won-value'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

/** The activity sorts and the indexed fact each one orders by. */
const ACTIVITY_SORT_KEY = {
  'last-contacted': 'lastContactedAt',
  'open-deal-value': 'openDealValue',
  'won-value': 'wonValue',
} as const satisfies Partial<Record<ContactSort, keyof ActivityFacts>>;
type ActivitySort = keyof typeof ACTIVITY_SORT_KEY;

export function isActivitySort(sort: ContactSort | undefined): sort is ActivitySort {
  return !!sort && sort in ACTIVITY_SORT_KEY;
}

export interface ContactQuery {
  /** Words typed by the user; each must prefix-match a word of the name, email, company or a tag. */
  text?: string;
  stage?: LifecycleStage;
  tier?: ValueTier;
  tag?: string;
  /** A member's user id or UNASSIGNED (lib/model/ownership.ts); absent: everyone's. */
  owner?: string;
  /** Only contacts with an open follow-up due before today. */
  followUpOverdue?: boolean;
  /** By name (default). */
  sort?: ContactSort;
}

export interface ContactSearchResult {
  contacts: Contact[];
  /** More contacts matched than were read; the user should type more to narrow. */
  truncated: boolean;
  /** With an activity sort: the facts of the contacts listed that have any (a list column). */
  activity?: Map<string, ActivityFacts>;
}

/** Candidates read through an index before the other conditions are checked in memory. */
export const MAX_CANDIDATES = 1_000;
/**
 * The unfiltered list (the panel's first view) reads fewer: at panel opening it competes with the
 * lookup of the people on the page, and nobody browses past a few hundred rows unfiltered.
 */
export const BROWSE_CANDIDATES = 300;

function matchesWords(contact: Contact, words: string[]): boolean {
  return words.every((word) => contact.searchTokens.some((token) => token.startsWith(word)));
}

const NAME_ORDER = new Intl.Collator();

/**
 * Contacts with a search token starting with `prefix`, up to the cap. One `getAll` on the
 * multi-entry index (Dexie's `distinct()` would walk a cursor, a round trip per row), then
 * duplicates removed here: a contact appears once per matching token.
 */
async function byTokenPrefix(db: CrmDatabase, prefix: string): Promise<{ contacts: Contact[]; more: boolean }> {
  const rows = await db.contacts.where('searchTokens').startsWith(prefix).limit(MAX_CANDIDATES + 1).toArray();
  const unique = new Map<string, Contact>();
  for (const row of rows) unique.set(row.id, row);
  // Reaching the cap, duplicates or not, means there may be more matches than were read.
  return { contacts: [...unique.values()], more: rows.length > MAX_CANDIDATES };
}

async function contactsById(db: CrmDatabase, ids: readonly string[]): Promise<Contact[]> {
  return (await db.contacts.bulkGet([...ids])).filter((contact): contact is Contact => contact !== undefined);
}

/**
 * Contacts with an open follow-up due before `now`'s local day, through the tasks' `openDueAt`
 * index (open tasks only, so the range holds no done task to skip).
 */
export async function contactsWithOverdueFollowUps(db: CrmDatabase, now: number = Date.now()): Promise<Set<string>> {
  const today = localMidnight(localIsoDay(now));
  const ids = new Set<string>();
  await db.tasks
    .where('openDueAt')
    .below(today)
    .each((task) => {
      ids.add(task.contactId);
    });
  return ids;
}

/** Distinct tags read at most (the filter's list); a book with more is not browsed by a select. */
export const MAX_TAGS_LISTED = 2_000;

/**
 * Every tag in use, sorted, read from the `*tags` index's keys alone by skipping from one
 * distinct key to the next: one small query per tag, however many contacts carry it
 * (`uniqueKeys()` walked every entry: 76 ms with 20,000 tagged contacts, at every panel opening).
 */
export async function tagsInUse(db: CrmDatabase): Promise<string[]> {
  const tags: string[] = [];
  let next = (await db.contacts.orderBy('tags').limit(1).keys())[0] as string | undefined;
  while (next !== undefined && tags.length < MAX_TAGS_LISTED) {
    tags.push(next);
    next = (await db.contacts.where('tags').above(next).limit(1).keys())[0] as string | undefined;
  }
  return tags.sort((a, b) => a.localeCompare(b));
}

/**
 * With an activity sort and nothing to narrow by: the contacts with the largest (latest) fact,
 * through that fact's index, then — if there are fewer than the cap — the most recently changed
 * of the others, who have no activity yet.
 */
async function topByActivity(db: CrmDatabase, sort: ActivitySort): Promise<Contact[]> {
  const ids = (await db.activity.orderBy(ACTIVITY_SORT_KEY[sort]).reverse().limit(MAX_CANDIDATES + 1).primaryKeys()) as string[];
  const candidates = await contactsById(db, ids);
  if (ids.length > MAX_CANDIDATES) return candidates;
  const seen = new Set(ids);
  const rest = await db.contacts
    .orderBy('updatedAt')
    .reverse()
    .limit(MAX_CANDIDATES + 1 + seen.size)
    .toArray();
  for (const contact of rest) if (!seen.has(contact.id)) candidates.push(contact);
  return candidates;
}

/**
 * Contacts matching a query, always read through an index (never a scan of the whole table):
 * the longest typed word through `*searchTokens` (prefix, diacritics-insensitive: the tokens are
 * folded the same way), else overdue follow-ups through `tasks.dueAt`, the tier through
 * `values.tier`, the tag through `*tags`, the stage through `stage`, else the top of the sort's
 * own index. The remaining conditions filter those candidates. Results are sorted by name, most
 * recent first, or by an activity fact (largest first; contacts without one last, by name).
 */
export async function searchContacts(db: CrmDatabase, query: ContactQuery, now: number = Date.now()): Promise<ContactSearchResult> {
  const words = searchWords(query.text ?? '').sort((a, b) => b.length - a.length);
  const overdue = query.followUpOverdue ? await contactsWithOverdueFollowUps(db, now) : undefined;
  let candidates: Contact[];
  let moreThanRead = false;
  if (words.length > 0) {
    const found = await byTokenPrefix(db, words[0]!);
    candidates = found.contacts;
    moreThanRead = found.more;
  } else if (overdue) {
    candidates = await contactsById(db, [...overdue].slice(0, MAX_CANDIDATES + 1));
  } else if (query.tier) {
    const ids = await db.values.where('tier').equals(query.tier).limit(MAX_CANDIDATES + 1).primaryKeys();
    candidates = await contactsById(db, ids);
  } else if (query.tag) {
    candidates = await db.contacts.where('tags').equals(query.tag).limit(MAX_CANDIDATES + 1).toArray();
  } else if (query.owner && query.owner !== UNASSIGNED) {
    candidates = await db.contacts.where('ownerId').equals(query.owner).limit(MAX_CANDIDATES + 1).toArray();
  } else if (query.stage) {
    candidates = await db.contacts.where('stage').equals(query.stage).limit(MAX_CANDIDATES + 1).toArray();
  } else if (isActivitySort(query.sort)) {
    candidates = await topByActivity(db, query.sort);
  } else {
    const rows = await db.contacts.orderBy('updatedAt').reverse().limit(BROWSE_CANDIDATES + 1).toArray();
    moreThanRead = rows.length > BROWSE_CANDIDATES;
    candidates = rows.slice(0, BROWSE_CANDIDATES);
  }
  const truncated = moreThanRead || candidates.length > MAX_CANDIDATES;
  candidates = candidates.slice(0, MAX_CANDIDATES);

  let tierOf: Map<string, ValueTier> | undefined;
  if (query.tier && (words.length > 0 || overdue)) {
    const rows = await db.values.bulkGet(candidates.map((contact) => contact.id));
    tierOf = new Map(rows.flatMap((row) => (row ? [[row.contactId, row.tier] as const] : [])));
  }
  const contacts = candidates.filter(
    (contact) =>
      !contact.deletedAt &&
      matchesWords(contact, words) &&
      (!overdue || overdue.has(contact.id)) &&
      (!query.stage || contact.stage === query.stage) &&
      (!query.tag || contact.tags.includes(query.tag)) &&
      matchesOwner(contact.ownerId, query.owner) &&
      (!tierOf || tierOf.get(contact.id) === query.tier),
  );
  const activity = await orderContacts(db, contacts, query.sort);
  return activity ? { contacts, truncated, activity } : { contacts, truncated };
}

/**
 * Sorts contacts in place in the list's order (by name, most recent first, or by an activity
 * fact, largest first, contacts without one last, by name); with an activity sort, returns the
 * facts it read (the list shows them). Shared by the search and by saved segments.
 */
export async function orderContacts(db: CrmDatabase, contacts: Contact[], sort: ContactSort | undefined): Promise<Map<string, ActivityFacts> | undefined> {
  // Each sort key computed once, compared with one collator: with 2,000 results,
  // `localeCompare` per comparison was a large part of a keystroke's time.
  const names = new Map(contacts.map((contact) => [contact.id, (contact.name ?? contact.emails[0] ?? '').toLocaleLowerCase()]));
  const byName = (a: Contact, b: Contact) => NAME_ORDER.compare(names.get(a.id)!, names.get(b.id)!);
  if (isActivitySort(sort)) {
    const key = ACTIVITY_SORT_KEY[sort];
    const rows = await db.activity.bulkGet(contacts.map((contact) => contact.id));
    const activity = new Map(rows.flatMap((row) => (row ? [[row.contactId, row] as const] : [])));
    const fact = (contact: Contact) => activity.get(contact.id)?.[key] ?? -Infinity;
    contacts.sort((a, b) => fact(b) - fact(a) || byName(a, b));
    return activity;
  }
  if (sort === 'recent') contacts.sort((a, b) => b.updatedAt - a.updatedAt);
  else contacts.sort(byName);
  return undefined;
}
