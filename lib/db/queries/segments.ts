/**
 * Which contacts a segment's rule holds for (issue 22). lib/segments plans the read: one index
 * gives candidates (every other condition is checked on them), or every contact is scanned in
 * chunks. Only the derived tables the rule needs (values, activity) are read beside the contacts.
 */
import type { Collection, IndexableType, Table, WhereClause } from 'dexie';
import type { Contact, ContactValue, SegmentRule } from '../../model';
import { factsNeeded, matchesRule, planRule, type IndexRead, type KeyRange, type SegmentPlan } from '../../segments';
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

/** The ids an index read yields, once each (a multi-entry index lists a contact per key). */
async function candidateIds(db: CrmDatabase, read: IndexRead): Promise<string[]> {
  const table = db.table(read.table);
  const where = table.where(read.index);
  const collection = 'equals' in read ? where.equals(read.equals) : inRange(where, table, read.index, read.range);
  return [...new Set((await collection.primaryKeys()) as IndexableType[] as string[])];
}

async function byContactId<T extends { contactId: string }, TInsert>(table: Table<T, string, TInsert>, ids: string[] | null): Promise<Map<string, T>> {
  const rows = ids ? await table.bulkGet(ids) : await readAllInChunks(table, (row) => row.contactId);
  return new Map(rows.flatMap((row) => (row ? [[row.contactId, row] as const] : [])));
}

/** Every live contact the rule holds for at `now`, with the plan that found them. */
export async function segmentMembers(db: CrmDatabase, rule: SegmentRule, now: number = Date.now()): Promise<SegmentMembers> {
  const plan = planRule(rule, now);
  const ids = plan.kind === 'index' ? await candidateIds(db, plan.read) : null;
  const contacts = ids
    ? (await db.contacts.bulkGet(ids)).filter((contact): contact is Contact => contact !== undefined)
    : await readAllInChunks(db.contacts, (contact) => contact.id);
  const needs = factsNeeded(rule);
  const liveIds = ids ? contacts.map((contact) => contact.id) : null;
  const values: Map<string, ContactValue> | undefined = needs.values ? await byContactId(db.values, liveIds) : undefined;
  const activity: Map<string, ActivityFacts> | undefined = needs.activity ? await byContactId(db.activity, liveIds) : undefined;
  const members = contacts.filter(
    (contact) => !contact.deletedAt && matchesRule(rule, { contact, value: values?.get(contact.id), activity: activity?.get(contact.id) }, now),
  );
  return { contacts: members, plan, read: contacts.length };
}

/** How many live contacts the rule holds for, and how that was read (the panel's live count). */
export async function countSegment(db: CrmDatabase, rule: SegmentRule, now: number = Date.now()): Promise<{ count: number; plan: SegmentPlan }> {
  const { contacts, plan } = await segmentMembers(db, rule, now);
  return { count: contacts.length, plan };
}

/**
 * A segment's members as All contacts lists them: sorted like a search, the first MAX_CANDIDATES
 * only (the list says when there are more), with the plan that found them.
 */
export async function segmentContacts(
  db: CrmDatabase,
  rule: SegmentRule,
  sort: ContactSort | undefined,
  now: number = Date.now(),
): Promise<ContactSearchResult & { total: number; plan: SegmentPlan }> {
  const { contacts, plan } = await segmentMembers(db, rule, now);
  const activity = await orderContacts(db, contacts, sort);
  const shown = contacts.slice(0, MAX_CANDIDATES);
  const result = { contacts: shown, truncated: contacts.length > shown.length, total: contacts.length, plan };
  return activity ? { ...result, activity } : result;
}
