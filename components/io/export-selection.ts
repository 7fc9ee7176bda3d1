/**
 * Which contacts an export takes: all live ones, or those of one stage, tier or tag. Read in
 * chunks (lib/db's readAllInChunks) so the side panel's reads get in between.
 */
import { readAllInChunks, type CrmDatabase } from '@/lib/db';
import type { Contact, LifecycleStage, ValueTier } from '@/lib/model';

export interface ExportFilter {
  stage?: LifecycleStage;
  tier?: ValueTier;
  tag?: string;
}

export async function contactsForExport(db: CrmDatabase, filter: ExportFilter): Promise<Contact[]> {
  let contacts = (await readAllInChunks(db.contacts, (contact) => contact.id)).filter((contact) => !contact.deletedAt);
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

/** Every tag in use, for the filter's choices, most used first. */
export async function tagsInUse(db: CrmDatabase): Promise<string[]> {
  const counts = new Map<string, number>();
  await db.contacts.orderBy('tags').eachKey((tag) => {
    const key = String(tag);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([tag]) => tag);
}
