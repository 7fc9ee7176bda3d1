import { Segment, type Contact, type SegmentRule } from '../model';
import type { SegmentFacts } from '../segments';
import type { CrmDatabase } from './types';
import { newId } from './ids';

/**
 * Saved segments, in their own table (schema version 7). They sync like templates (one entry in
 * lib/sync/shared/tables.ts) and are in backups. Names are unique (case-insensitive): the panel
 * lists segments by name, and two "VIPs" could not be told apart, by eye or by a screen reader.
 */

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/** Every segment, by name (case-insensitive). */
export async function listSegments(db: CrmDatabase): Promise<Segment[]> {
  const all = await db.segments.toArray();
  return all.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

async function refuseTakenName(db: CrmDatabase, name: string, ownId?: string): Promise<void> {
  const taken = (await db.segments.toArray()).find((segment) => segment.id !== ownId && sameName(segment.name, name.trim()));
  if (taken) throw new Error(`A segment named “${taken.name}” already exists. Choose another name.`);
}

/** Saves a new segment. Throws a ZodError when the name or rule is invalid, an Error when the name is taken. */
export async function createSegment(db: CrmDatabase, name: string, rule: SegmentRule, now: number = Date.now()): Promise<Segment> {
  const segment = Segment.parse({ id: newId(now), name, rule, createdAt: now, updatedAt: now });
  return db.transaction('rw', db.segments, async () => {
    await refuseTakenName(db, segment.name);
    await db.segments.add(segment);
    return segment;
  });
}

/** Renames a segment; its rule is unchanged. */
export async function renameSegment(db: CrmDatabase, id: string, name: string, now: number = Date.now()): Promise<Segment> {
  return db.transaction('rw', db.segments, async () => {
    const existing = await db.segments.get(id);
    if (!existing) throw new Error('This segment was deleted meanwhile.');
    const renamed = Segment.parse({ ...existing, name, updatedAt: now });
    await refuseTakenName(db, renamed.name, id);
    await db.segments.put(renamed);
    return renamed;
  });
}

export async function deleteSegment(db: CrmDatabase, id: string): Promise<void> {
  await db.segments.delete(id);
}

/**
 * Undoes a delete under a new id: a synced delete wins over later writes to the same row
 * (lib/sync/shared/merge.ts), as for templates (restoreDeletedTemplate).
 */
export async function restoreDeletedSegment(db: CrmDatabase, deleted: Segment, now: number = Date.now()): Promise<Segment> {
  const restored = Segment.parse({ ...deleted, id: newId(now), updatedAt: now });
  await db.segments.add(restored);
  return restored;
}

/**
 * What segment rules are evaluated over, for one contact: its row with its value and activity
 * rows, read by key. For decisions about the person in front of the user (which templates to
 * offer), where reading a whole segment's members would be the wrong cost.
 */
export async function segmentFactsOf(db: CrmDatabase, contact: Contact): Promise<SegmentFacts> {
  const [value, activity] = await Promise.all([db.values.get(contact.id), db.activity.get(contact.id)]);
  return { contact, ...(value ? { value } : {}), ...(activity ? { activity } : {}) };
}
