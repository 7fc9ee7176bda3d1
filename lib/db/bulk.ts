/**
 * Writes to many contacts at once, for the multi-select actions of All contacts. Each action is
 * one transaction per chunk of contacts: a thousand at a time keeps every transaction short, so
 * the panel's own reads are never stuck behind a write of 50,000 rows, and a chunk is all or
 * nothing. Contacts that are gone (or already as asked) are skipped, not errors.
 */
import { Contact, Interaction, type LifecycleStage } from '../model';
import { recordInteractions } from './activity';
import { withIndexKeys } from './contact-keys';
import { cleanTag } from './contacts';
import type { CrmDatabase } from './types';
import { bumpWonDealsRevision } from './deals';
import { newId } from './ids';

export const BULK_CHUNK = 1_000;

/**
 * Told after each chunk is written: how many of the listed contacts have been gone through, of
 * how many (distinct ids). A whole segment can be tens of thousands: the panel shows a bar.
 */
export type BulkProgress = (done: number, total: number) => void;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Adds a tag to every live contact listed that lacks it (in any letter case). Returns the ids changed. */
export async function addTagToContacts(
  db: CrmDatabase,
  ids: readonly string[],
  tag: string,
  now: number = Date.now(),
  chunk: number = BULK_CHUNK,
  onProgress?: BulkProgress,
): Promise<string[]> {
  const cleaned = cleanTag(tag);
  if (cleaned === '') throw new Error('A tag cannot be empty.');
  if (cleaned.length > 80) throw new Error('Keep tags under 80 characters.');
  const changed: string[] = [];
  const unique = [...new Set(ids)];
  let done = 0;
  for (const part of chunks(unique, chunk)) {
    await db.transaction('rw', db.contacts, async () => {
      const rows = (await db.contacts.bulkGet(part)).filter(
        (contact): contact is Contact =>
          !!contact && !contact.deletedAt && !contact.tags.some((t) => t.toLowerCase() === cleaned.toLowerCase()),
      );
      await db.contacts.bulkPut(rows.map((contact) => Contact.parse(withIndexKeys({ ...contact, tags: [...contact.tags, cleaned], updatedAt: now }))));
      changed.push(...rows.map((contact) => contact.id));
    });
    onProgress?.((done += part.length), unique.length);
  }
  return changed;
}

/**
 * Moves every live contact listed to `stage`, logging a `stage-change` interaction for each that
 * moved (as setContactStage does for one). Returns the ids changed.
 */
export async function setStageOfContacts(
  db: CrmDatabase,
  ids: readonly string[],
  stage: LifecycleStage,
  now: number = Date.now(),
  chunk: number = BULK_CHUNK,
  onProgress?: BulkProgress,
): Promise<string[]> {
  const changed: string[] = [];
  const unique = [...new Set(ids)];
  let done = 0;
  for (const part of chunks(unique, chunk)) {
    await db.transaction('rw', db.contacts, db.interactions, db.activity, async () => {
      const rows = (await db.contacts.bulkGet(part)).filter(
        (contact): contact is Contact => !!contact && !contact.deletedAt && contact.stage !== stage,
      );
      await db.contacts.bulkPut(rows.map((contact) => Contact.parse(withIndexKeys({ ...contact, stage, updatedAt: now }))));
      const changes = rows.map((contact) =>
        Interaction.parse({ id: newId(now), contactId: contact.id, kind: 'stage-change', at: now, subject: `${contact.stage} → ${stage}` }),
      );
      await db.interactions.bulkAdd(changes);
      await recordInteractions(db, changes, now);
      changed.push(...rows.map((contact) => contact.id));
    });
    onProgress?.((done += part.length), unique.length);
  }
  return changed;
}

/** Sets or clears `deletedAt` on the listed contacts for which `applies` holds; returns their ids. */
async function markDeleted(
  db: CrmDatabase,
  ids: readonly string[],
  applies: (contact: Contact) => boolean,
  deletedAt: number | undefined,
  now: number,
  chunk: number,
  onProgress?: BulkProgress,
): Promise<string[]> {
  const changed: string[] = [];
  const unique = [...new Set(ids)];
  let done = 0;
  for (const part of chunks(unique, chunk)) {
    await db.transaction('rw', db.contacts, db.meta, async () => {
      const rows = (await db.contacts.bulkGet(part)).filter((contact): contact is Contact => !!contact && applies(contact));
      await db.contacts.bulkPut(
        rows.map((contact) => {
          const next: Contact = { ...contact, updatedAt: now };
          if (deletedAt === undefined) delete next.deletedAt;
          else next.deletedAt = deletedAt;
          return next;
        }),
      );
      // Who is live decides who has a value tier: the stored values are stale.
      if (rows.length > 0) await bumpWonDealsRevision(db);
      changed.push(...rows.map((contact) => contact.id));
    });
    onProgress?.((done += part.length), unique.length);
  }
  return changed;
}

/**
 * Deletes the listed live contacts as tombstones (`deletedAt`, as sync expects: the row stays,
 * marked, so the deletion can travel and be undone). Their history, deals and tasks stay with
 * them, hidden. Returns the ids deleted: what restoreContacts needs to undo it.
 */
export async function deleteContacts(
  db: CrmDatabase,
  ids: readonly string[],
  now: number = Date.now(),
  chunk: number = BULK_CHUNK,
  onProgress?: BulkProgress,
): Promise<string[]> {
  return markDeleted(db, ids, (contact) => !contact.deletedAt, now, now, chunk, onProgress);
}

/** Brings deleted contacts back (Undo after a delete): a newer write that clears `deletedAt`. */
export async function restoreContacts(db: CrmDatabase, ids: readonly string[], now: number = Date.now(), chunk: number = BULK_CHUNK): Promise<string[]> {
  return markDeleted(db, ids, (contact) => contact.deletedAt !== undefined, undefined, now, chunk);
}
