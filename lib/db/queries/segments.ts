/**
 * Which contacts a segment's rule holds for (issue 22). lib/segments plans the read: one index
 * gives candidates (every other condition is checked on them), or every contact is scanned in
 * chunks. Only the derived tables the rule needs (values, activity) are read beside the contacts.
 */
import type { IndexableType, Table } from 'dexie';
import type { Contact, ContactValue, Segment, SegmentRule } from '../../model';
import { factsNeeded, keyOnlyReads, matchesRule, planRule, type IndexRead, type SegmentPlan } from '../../segments';
import type { ActivityFacts, CrmDatabase } from '../types';
import { readAllInChunks } from '../deals';
import { collectionOf, indexIds } from './segment-keys';
import { MAX_CANDIDATES, orderContacts, type ContactSearchResult, type ContactSort } from '../search';

export interface SegmentMembers {
  /** Live contacts the rule holds for, in no particular order. */
  contacts: Contact[];
  plan: SegmentPlan;
  /** Contacts read to find them: the index's candidates, or every contact for a scan. */
  read: number;
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

export interface SegmentCount {
  count: number;
  plan: SegmentPlan;
  /** Counted from index keys alone (every condition exact on its index), no row read. */
  keysOnly: boolean;
}

/**
 * How many live contacts the rule holds for, and how that was read (the panel's live count).
 * When every condition is exact on an index, only keys are read: the conditions' key sets
 * (kept between counts, patched with the rows a small write names, ./segment-keys.ts) are intersected and
 * deleted contacts (the deletedAt index, schema version 7) taken out. Else the members are read
 * as segmentMembers reads them.
 */
export async function countSegment(db: CrmDatabase, rule: SegmentRule, now: number = Date.now()): Promise<SegmentCount> {
  const plan = planRule(rule, now);
  const reads = keyOnlyReads(rule, now);
  if (!reads) return { count: (await segmentMembers(db, rule, now)).contacts.length, plan, keysOnly: false };
  return { count: (await memberIdsFromKeys(db, reads)).length, plan, keysOnly: true };
}

/** The live members' ids from index keys alone: each condition's key set (kept, see ./segment-keys.ts) intersected, deleted contacts taken out. */
async function memberIdsFromKeys(db: CrmDatabase, reads: readonly IndexRead[]): Promise<string[]> {
  const tables = [...new Set(reads.map((read) => read.table))];
  const [deleted] = await Promise.all([
    db.contacts.orderBy('deletedAt').primaryKeys(),
    // Kept keys read nothing, so a liveQuery counting would not hear of the next write: one row
    // of each table read makes any write to it re-run the count (and drop its kept keys first).
    ...tables.map((table) => db.table(table).limit(1).toArray()),
  ]);
  // Only after a read came back: a write's event, delivered in one go, has by then dropped what it made stale.
  const sets = await Promise.all(reads.map((read) => indexIds(db, read)));
  const gone = new Set(deleted as IndexableType[] as string[]);
  const [smallest, ...others] = [...sets].sort((a, b) => a.size - b.size);
  return [...smallest!].filter((id) => !gone.has(id) && others.every((set) => set.has(id)));
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
