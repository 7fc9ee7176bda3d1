/**
 * Merging two contacts that are the same person. One contact is kept; per single-valued field
 * the user picks whose value wins; emails, phones, profiles and tags are unioned; the other
 * contact's interactions, deals and tasks move to the kept one, and the other becomes a tombstone
 * (`deletedAt`): deletion is a field with its own stamp in the sync design, so a merge syncs as
 * "kept contact changed, other deleted" and the other cannot come back by an older edit.
 *
 * All of it happens in one Dexie transaction: a failure anywhere leaves both contacts, and
 * everything that belongs to them, as they were.
 */
import { Contact, Interaction, type EditableField } from '../model';
import { recomputeActivityOf } from './activity';
import { overLimit } from '../model/contact-limits';
import { withIndexKeys } from './contact-keys';
import type { CrmDatabase } from './types';
import { bumpWonDealsRevision } from './deals';
import { newId } from './ids';

/** The single-valued fields a merge asks about (where the two contacts differ). */
export const MERGE_FIELDS = ['name', 'company', 'title', 'location', 'avatarUrl', 'stage', 'pipelineStage'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeSide = 'keep' | 'other';
/** Per field, whose value wins; a field left out takes defaultSide's. */
export type MergePicks = Partial<Record<MergeField, MergeSide>>;

const EDITABLE: ReadonlySet<string> = new Set<EditableField>(['name', 'company', 'title', 'location', 'avatarUrl']);

function valueOf(contact: Contact, field: MergeField): string | undefined {
  const value = contact[field];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Whose value a field takes unless the user picks: the kept contact's, unless it has none and
 * the user did not clear it on purpose (a field in `userFields` left empty stays empty).
 */
export function defaultSide(keep: Contact, other: Contact, field: MergeField): MergeSide {
  if (valueOf(keep, field) !== undefined) return 'keep';
  if (EDITABLE.has(field) && keep.userFields.includes(field as EditableField)) return 'keep';
  return valueOf(other, field) !== undefined ? 'other' : 'keep';
}

/** The fields whose values differ: the only ones worth asking about. Pure. */
export function differingFields(keep: Contact, other: Contact): MergeField[] {
  return MERGE_FIELDS.filter((field) => valueOf(keep, field) !== valueOf(other, field));
}

function union<T>(first: readonly T[], second: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of [...first, ...second]) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/**
 * The kept contact after the merge. Pure. A picked editable field counts as typed by the user
 * (in `userFields`) when it was typed on the side it came from, so later scrapes still leave
 * typed values alone and still fill scraped ones.
 */
export function mergedContact(keep: Contact, other: Contact, picks: MergePicks, now: number): Contact {
  const merged: Contact = {
    ...keep,
    emails: union(keep.emails, other.emails, String),
    phones: union(keep.phones, other.phones, String),
    profiles: union(keep.profiles, other.profiles, (profile) => profile.url),
    // Tags are told apart without letter case, as addContactTag does.
    tags: union(keep.tags, other.tags, (tag) => tag.toLowerCase()),
    createdAt: Math.min(keep.createdAt, other.createdAt),
    updatedAt: now,
  };
  if (!merged.source && other.source) merged.source = other.source;
  const userFields = new Set<EditableField>();
  for (const field of MERGE_FIELDS) {
    const side = picks[field] ?? defaultSide(keep, other, field);
    const from = side === 'keep' ? keep : other;
    if (field === 'stage') merged.stage = from.stage;
    else if (valueOf(from, field) !== undefined) merged[field] = from[field];
    else delete merged[field];
    if (EDITABLE.has(field) && from.userFields.includes(field as EditableField)) userFields.add(field as EditableField);
  }
  merged.userFields = [...userFields];
  const over = overLimit(merged);
  if (over) throw new Error(`Merged, this contact would have ${over}. Remove some from either contact first.`);
  return Contact.parse(withIndexKeys(merged));
}

export interface MergeCounts {
  interactions: number;
  deals: number;
  tasks: number;
}

/** What belongs to a contact and would move with it, counted through indexes. */
export async function mergeCountsOf(db: CrmDatabase, contactId: string): Promise<MergeCounts> {
  const [interactions, deals, tasks] = await Promise.all([
    db.interactions.where('contactId').equals(contactId).count(),
    db.deals.where('contactId').equals(contactId).count(),
    db.tasks.where('contactId').equals(contactId).count(),
  ]);
  return { interactions, deals, tasks };
}

export interface MergeResult {
  contact: Contact;
  /** Rows moved from the other contact to the kept one. */
  moved: MergeCounts;
  /** The other's webmail messages already logged for the kept contact: dropped, not doubled. */
  duplicateEmailsDropped: number;
}

function nameOf(contact: Contact): string {
  return contact.name?.trim() || contact.emails[0] || contact.profiles[0]?.url || 'an unnamed contact';
}

/**
 * Merges `otherId` into `keepId` (see the file comment). Throws, with nothing written, if either
 * is not a live contact or they are the same one.
 */
export async function mergeContacts(
  db: CrmDatabase,
  keepId: string,
  otherId: string,
  picks: MergePicks,
  now: number = Date.now(),
): Promise<MergeResult> {
  if (keepId === otherId) throw new Error('A contact cannot be merged with itself.');
  return db.transaction('rw', [db.contacts, db.interactions, db.deals, db.tasks, db.activity, db.meta], async () => {
    const [keep, other] = await db.contacts.bulkGet([keepId, otherId]);
    if (!keep || keep.deletedAt) throw new Error(`No contact with id ${keepId}`);
    if (!other || other.deletedAt) throw new Error(`No contact with id ${otherId}`);
    const merged = mergedContact(keep, other, picks, now);
    await db.contacts.put(merged);

    // History: the other's interactions move, except webmail messages logged for both (the same
    // message id), which would otherwise show twice.
    const theirs = await db.interactions.where('contactId').equals(otherId).toArray();
    const externalIds = theirs.flatMap((row) => (row.externalId ? [row.externalId] : []));
    const alreadyLogged = new Set(
      externalIds.length
        ? (await db.interactions.where('externalId').anyOf(externalIds).toArray())
            .filter((row) => row.contactId === keepId)
            .map((row) => row.externalId)
        : [],
    );
    const doubled = theirs.filter((row) => row.externalId && alreadyLogged.has(row.externalId));
    const moving = theirs.filter((row) => !(row.externalId && alreadyLogged.has(row.externalId)));
    await db.interactions.bulkDelete(doubled.map((row) => row.id));
    await db.interactions.bulkPut(moving.map((row) => ({ ...row, contactId: keepId })));
    const deals = await db.deals.where('contactId').equals(otherId).modify({ contactId: keepId });
    const tasks = await db.tasks.where('contactId').equals(otherId).modify({ contactId: keepId });

    const entries: Interaction[] = [];
    if (merged.stage !== keep.stage) {
      entries.push(Interaction.parse({ id: newId(now), contactId: keepId, kind: 'stage-change', at: now, subject: `${keep.stage} → ${merged.stage}` }));
    }
    const combined = [
      `${moving.length} history ${moving.length === 1 ? 'entry' : 'entries'}`,
      `${deals} ${deals === 1 ? 'deal' : 'deals'}`,
      `${tasks} ${tasks === 1 ? 'follow-up' : 'follow-ups'}`,
    ].join(', ');
    entries.push(
      Interaction.parse({
        id: newId(now),
        contactId: keepId,
        kind: 'note',
        at: now,
        subject: `Merged with ${nameOf(other)}`.slice(0, 1000),
        body: `Combined from the duplicate: ${combined}.`,
      }),
    );
    await db.interactions.bulkAdd(entries);

    await db.contacts.put({ ...other, deletedAt: now, updatedAt: now });
    await recomputeActivity(db, keepId, now);
    await db.activity.delete(otherId);
    // The set of live contacts and whose purchases are whose both changed: the stored values
    // (tiers) are stale, so bump the revision the background compares (see deals.ts).
    await bumpWonDealsRevision(db);

    return { contact: merged, moved: { interactions: moving.length, deals, tasks }, duplicateEmailsDropped: doubled.length };
  });
}

/**
 * Inside a transaction over interactions, deals and activity: one contact's facts rebuilt from
 * all its rows (after a merge moved many of them, replaying them one by one would not be simpler).
 */
export async function recomputeActivity(db: CrmDatabase, contactId: string, now: number): Promise<void> {
  await recomputeActivityOf(db, [contactId], now);
}
