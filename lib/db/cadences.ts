/**
 * Setting a keep-in-touch cadence (issue 22) on one contact or on a saved segment. Both are
 * fields of synced rows written through Dexie, so the outbox records them and they reach the
 * user's other browsers with the row. `undefined` turns the cadence off (a cleared field syncs).
 */
import { CadenceDays, Contact, Segment } from '../model';
import { withIndexKeys } from './contact-keys';
import type { CrmDatabase } from './types';

function withCadence<T extends { cadenceDays?: number }>(row: T, days: number | undefined): T {
  const { cadenceDays: _old, ...rest } = row;
  return (days === undefined ? rest : { ...rest, cadenceDays: CadenceDays.parse(days) }) as T;
}

/** Keeps in touch with one contact every `days` days, or not (undefined). Throws for a contact that is gone or days out of range. */
export async function setContactCadence(db: CrmDatabase, id: string, days: number | undefined, now: number = Date.now()): Promise<Contact> {
  return db.transaction('rw', db.contacts, async () => {
    const existing = await db.contacts.get(id);
    if (!existing || existing.deletedAt) throw new Error(`No contact with id ${id}`);
    if (existing.cadenceDays === days) return existing;
    const updated = Contact.parse(withIndexKeys({ ...withCadence(existing, days), updatedAt: now }));
    await db.contacts.put(updated);
    return updated;
  });
}

/** Keeps in touch with every member of a segment every `days` days, or not (undefined). */
export async function setSegmentCadence(db: CrmDatabase, id: string, days: number | undefined, now: number = Date.now()): Promise<Segment> {
  return db.transaction('rw', db.segments, async () => {
    const existing = await db.segments.get(id);
    if (!existing) throw new Error('This segment was deleted meanwhile.');
    if (existing.cadenceDays === days) return existing;
    const updated = Segment.parse({ ...withCadence(existing, days), updatedAt: now });
    await db.segments.put(updated);
    return updated;
  });
}
