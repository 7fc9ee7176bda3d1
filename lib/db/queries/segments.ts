/**
 * Which contacts a segment's rule holds for (issue 22). lib/segments plans the read: one index
 * gives candidates (every other condition is checked on them), or every contact is scanned in
 * chunks. Only the derived tables the rule needs (values, activity) are read beside the contacts.
 */
import type { Collection, IndexableType, Table, WhereClause } from 'dexie';
import type { Contact, ContactValue, Segment, SegmentRule } from '../../model';
import { factsNeeded, keyOnlyReads, matchesRule, planRule, type IndexRead, type KeyRange, type SegmentPlan } from '../../segments';
import type { ActivityFacts, CrmDatabase } from '../types';
import { readAllInChunks } from '../deals';
import { MAX_CANDIDATES, orderContacts, type ContactSearchResult, type ContactSort } from '../search';

export interface SegmentMembers {
  /** Live contacts the rule holds for, in no particular order. */
  contacts: Contact[];
  plan: SegmentPlan;
  /** Contacts read to find them: the index's candidates, or every contact for a scan. */
  read: number;
}

function inRange(where: WhereClause, table: Table, index: string, range: KeyRange): Collection {
  const { lower, upper, lowerOpen = false, upperOpen = false } = range;
  if (lower !== undefined && upper !== undefined) return where.between(lower, upper, !lowerOpen, !upperOpen);
  if (lower !== undefined) return lowerOpen ? where.above(lower) : where.aboveOrEqual(lower);
  if (upper !== undefined) return upperOpen ? where.below(upper) : where.belowOrEqual(upper);
  // No bounds: every row with a key in this index (rows without one are not in it).
  return table.orderBy(index);
}

/**
 * The candidates an index read yields, once each. A contacts index gives the rows in one read
 * (a multi-entry index lists a contact once per key); a values or activity index gives contact
 * ids, whose rows are then read by key.
 */
async function candidates(db: CrmDatabase, read: IndexRead): Promise<Contact[]> {
  const collection = collectionOf(db, read);
  if (read.table === 'contacts') {
    const unique = new Map<string, Contact>();
    for (const contact of (await collection.toArray()) as Contact[]) unique.set(contact.id, contact);
    return [...unique.values()];
  }
  const ids = [...new Set((await collection.primaryKeys()) as IndexableType[] as string[])];
  return (await db.contacts.bulkGet(ids)).filter((contact): contact is Contact => contact !== undefined);
}

async function byContactId<T extends { contactId: string }, TInsert>(table: Table<T, string, TInsert>, ids: string[] | null): Promise<Map<string, T>> {
  const rows = ids ? await table.bulkGet(ids) : await readAllInChunks(table, (row) => row.contactId);
  return new Map(rows.flatMap((row) => (row ? [[row.contactId, row] as const] : [])));
}

/** Every live contact the rule holds for at `now`, with the plan that found them. */
export async function segmentMembers(db: CrmDatabase, rule: SegmentRule, now: number = Date.now()): Promise<SegmentMembers> {
  const plan = planRule(rule, now);
  const contacts = plan.kind === 'index' ? await candidates(db, plan.read) : await readAllInChunks(db.contacts, (contact) => contact.id);
  const needs = factsNeeded(rule);
  // An index plan reads the derived rows of its candidates by key; a scan reads them all.
  const candidateIds = plan.kind === 'index' ? contacts.map((contact) => contact.id) : null;
  const values: Map<string, ContactValue> | undefined = needs.values ? await byContactId(db.values, candidateIds) : undefined;
  const activity: Map<string, ActivityFacts> | undefined = needs.activity ? await byContactId(db.activity, candidateIds) : undefined;
  const members = contacts.filter(
    (contact) => !contact.deletedAt && matchesRule(rule, { contact, value: values?.get(contact.id), activity: activity?.get(contact.id) }, now),
  );
  return { contacts: members, plan, read: contacts.length };
}

function collectionOf(db: CrmDatabase, read: IndexRead): Collection {
  const table = db.table(read.table);
  const where = table.where(read.index);
  return 'equals' in read ? where.equals(read.equals) : inRange(where, table, read.index, read.range);
}

export interface SegmentCount {
  count: number;
  plan: SegmentPlan;
  /** Counted from index keys alone (every condition exact on its index), no row read. */
  keysOnly: boolean;
}

/**
 * How many live contacts the rule holds for, and how that was read (the panel's live count).
 * When every condition is exact on an index, only keys are read: the conditions' key sets are
 * intersected and deleted contacts (the deletedAt index, schema version 7) taken out. Else the
 * members are read as segmentMembers reads them.
 */
export async function countSegment(db: CrmDatabase, rule: SegmentRule, now: number = Date.now()): Promise<SegmentCount> {
  const plan = planRule(rule, now);
  const reads = keyOnlyReads(rule, now);
  if (!reads) return { count: (await segmentMembers(db, rule, now)).contacts.length, plan, keysOnly: false };
  return { count: (await memberIdsFromKeys(db, reads)).length, plan, keysOnly: true };
}

/** The live members' ids from index keys alone: each condition's key set intersected, deleted contacts taken out. */
async function memberIdsFromKeys(db: CrmDatabase, reads: readonly IndexRead[]): Promise<string[]> {
  const [deleted, ...sets] = await Promise.all([
    db.contacts.orderBy('deletedAt').primaryKeys(),
    ...reads.map(async (read) => new Set((await collectionOf(db, read).primaryKeys()) as IndexableType[] as string[])),
  ]);
  const gone = new Set(deleted);
  sets.sort((a, b) => a.size - b.size);
  return [...sets[0]!].filter((id) => !gone.has(id) && sets.every((set) => set.has(id)));
}

/**
 * The live members' ids: from index keys alone when every condition is exact on an index (no row
 * read, as countSegment counts), else from the members' rows (segmentMembers).
 */
export async function liveMemberIds(db: CrmDatabase, rule: SegmentRule, now: number = Date.now()): Promise<string[]> {
  const reads = keyOnlyReads(rule, now);
  if (reads) return memberIdsFromKeys(db, reads);
  return (await segmentMembers(db, rule, now)).contacts.map((contact) => contact.id);
}

/**
 * A segment's members as All contacts lists them: sorted like a search, the first MAX_CANDIDATES
 * only (the list says when there are more), with the plan that found them, and every member's
 * id (what "Select all in segment" selects for bulk actions).
 */
export async function segmentContacts(
  db: CrmDatabase,
  rule: SegmentRule,
  sort: ContactSort | undefined,
  now: number = Date.now(),
): Promise<ContactSearchResult & { total: number; plan: SegmentPlan; ids: string[] }> {
  const { contacts, plan } = await segmentMembers(db, rule, now);
  const activity = await orderContacts(db, contacts, sort);
  const shown = contacts.slice(0, MAX_CANDIDATES);
  const ids = contacts.map((contact) => contact.id);
  const result = { contacts: shown, truncated: contacts.length > shown.length, total: contacts.length, plan, ids };
  return activity ? { ...result, activity } : result;
}

/**
 * A saved segment and its members' ids, for pages that narrow what they show to one segment
 * (the Board). undefined when no segment has that id (deleted meanwhile): the page shows everyone.
 */
export async function segmentMemberIds(
  db: CrmDatabase,
  segmentId: string,
  now: number = Date.now(),
): Promise<{ segment: Segment; ids: ReadonlySet<string> } | undefined> {
  const segment = await db.segments.get(segmentId);
  if (!segment) return undefined;
  const { contacts } = await segmentMembers(db, segment.rule, now);
  return { segment, ids: new Set(contacts.map((contact) => contact.id)) };
}
