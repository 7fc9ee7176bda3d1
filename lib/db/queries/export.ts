/**
 * Which contacts an export takes: all live ones, or those of a saved segment and/or one stage,
 * tier or tag (Options → Export), or the ones selected in the list (bulk actions). The full read is chunked
 * (readAllInChunks) so the side panel's reads get in between.
 */
import type { Contact, LifecycleStage, ValueTier } from '../../model';
import type { CrmDatabase } from '../database';
import { readAllInChunks } from '../deals';
import { segmentMembers } from './segments';

export interface ExportFilter {
  /** A saved segment's id: its members only (issue 22). */
  segmentId?: string;
  stage?: LifecycleStage;
  tier?: ValueTier;
  tag?: string;
}

const live = (contact: Contact | undefined): contact is Contact => !!contact && !contact.deletedAt;

export async function contactsForExport(db: CrmDatabase, filter: ExportFilter): Promise<Contact[]> {
  let contacts: Contact[];
  if (filter.segmentId) {
    const segment = await db.segments.get(filter.segmentId);
    if (!segment) throw new Error('This segment was deleted meanwhile. Choose another.');
    contacts = (await segmentMembers(db, segment.rule)).contacts;
  } else {
    contacts = (await readAllInChunks(db.contacts, (contact) => contact.id)).filter(live);
  }
  if (filter.stage) contacts = contacts.filter((contact) => contact.stage === filter.stage);
  if (filter.tag) {
    const tag = filter.tag.toLowerCase();
    contacts = contacts.filter((contact) => contact.tags.some((t) => t.toLowerCase() === tag));
  }
  if (filter.tier) {
    const inTier = new Set(await db.values.where('tier').equals(filter.tier).primaryKeys());
    contacts = contacts.filter((contact) => inTier.has(contact.id));
  }
  return contacts;
}

/** The selected contacts still live (one may have been deleted meanwhile), in the selection's order. */
export async function selectedContactsForExport(db: CrmDatabase, ids: Iterable<string>): Promise<Contact[]> {
  return (await db.contacts.bulkGet([...ids])).filter(live);
}

/**
 * Every tag in use, most used first, for the export filter's choices. It counts every entry of
 * the `*tags` index, unlike lib/db's alphabetical `tagsInUse`, which skips from key to key.
 */
export async function tagsByUse(db: CrmDatabase): Promise<string[]> {
  const counts = new Map<string, number>();
  await db.contacts.orderBy('tags').eachKey((tag) => {
    const key = String(tag);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([tag]) => tag);
}
