/**
 * Who is due a keep-in-touch (issue 22), read for the badge, the Tasks view and the bench. Only
 * contacts some cadence applies to are read: the members of segments that have one (as the
 * segment's own plan reads them, through an index where it can), the contacts with their own
 * (the `cadenceDays` index, schema version 9) and the tiers whose default is on (the values'
 * `tier` index). Then their activity rows by key, and lib/cadences plans. While syncing, only
 * the member's own and unassigned contacts count, as for follow-ups (readActionScope).
 */
import type { Contact } from '../../model';
import { planCadences, tierCadences, type Cadence, type CadenceDue, type CadenceSettings, type CadenceSnoozes } from '../../cadences';
import type { CrmDatabase } from '../types';
import { readActionScope } from '../team-stamp';
import { segmentMembers } from './segments';

export interface DueCadence {
  contact: Contact;
  due: CadenceDue;
}

export interface CadenceReading {
  /** Due and not snoozed, longest overdue first (contact ids and why: the badge needs no rows). */
  due: CadenceDue[];
  /** When someone next falls due or a snooze ends. */
  nextAt?: number;
  /** Contacts with at least one cadence: how many were planned. */
  planned: number;
}

/** Rows by key in chunks, so no single read holds the thread for long at 100,000 contacts. */
async function chunkedGet<T>(ids: readonly string[], get: (keys: string[]) => Promise<Array<T | undefined>>, size = 5_000): Promise<Array<T | undefined>> {
  const rows: Array<T | undefined> = [];
  for (let start = 0; start < ids.length; start += size) rows.push(...(await get(ids.slice(start, start + size))));
  return rows;
}

/**
 * Plans from index keys where it can: the tiers' members are the values' `tier` keys, deleted and
 * others' contacts are the `deletedAt` and `ownerId` keys, and contact rows are read only for
 * segment members (their rule needs them) and for contacts never touched (their clock starts when
 * they were added). Last touches are the activity's `lastTouchedAt` index keys.
 */
export async function dueCadences(db: CrmDatabase, settings: CadenceSettings, snoozes: CadenceSnoozes, now: number = Date.now()): Promise<CadenceReading> {
  const createdAt = new Map<string, number>();
  const cadences = new Map<string, Cadence[]>();
  const apply = (id: string, cadence: Cadence) => {
    const list = cadences.get(id);
    if (list) list.push(cadence);
    else cadences.set(id, [cadence]);
  };
  const known = (contact: Contact) => {
    createdAt.set(contact.id, contact.createdAt);
    return contact.id;
  };

  const segments = (await db.segments.toArray()).filter((segment) => segment.cadenceDays !== undefined);
  for (const segment of segments) {
    const { contacts: members } = await segmentMembers(db, segment.rule, now);
    const cadence: Cadence = { days: segment.cadenceDays!, source: { kind: 'segment', segmentId: segment.id, name: segment.name } };
    for (const member of members) apply(known(member), cadence);
  }

  for (const contact of await db.contacts.where('cadenceDays').aboveOrEqual(1).toArray()) {
    apply(known(contact), { days: contact.cadenceDays!, source: { kind: 'contact' } });
  }

  for (const [tier, cadence] of tierCadences(settings)) {
    for (const id of (await db.values.where('tier').equals(tier).primaryKeys()) as string[]) apply(id, cadence);
  }

  // No cadence applies to anyone (the default: every tier's off, none set): nothing more to read.
  // The badge re-plans after every logged touch, and the last-touch index is 100,000 keys.
  if (cadences.size === 0) return { due: [], planned: 0 };

  const me = await readActionScope(db);
  const [deleted, others] = await Promise.all([
    db.contacts.orderBy('deletedAt').primaryKeys(),
    me === undefined ? Promise.resolve([]) : db.contacts.where('ownerId').noneOf([me]).primaryKeys(),
  ]);
  const excluded = new Set<string>([...deleted, ...others]);
  const ids = [...cadences.keys()].filter((id) => !excluded.has(id));
  // Every clock from the `lastTouchedAt` index (schema version 9): its keys and their contact ids, no row read.
  const [touchedAt, touchedIds] = await db.transaction('r', db.activity, () => {
    const byTouch = db.activity.orderBy('lastTouchedAt');
    return Promise.all([byTouch.keys() as Promise<number[]>, byTouch.primaryKeys()]);
  });
  const lastTouch = new Map<string, number>();
  touchedIds.forEach((id, index) => lastTouch.set(id, touchedAt[index]!));
  // Never touched and not read yet: their row says when they were added (a value without a contact row is left out).
  const unread = ids.filter((id) => !lastTouch.has(id) && !createdAt.has(id));
  for (const contact of await chunkedGet(unread, (keys) => db.contacts.bulkGet(keys))) if (contact) known(contact);
  const plan = planCadences(
    ids.flatMap((id) => {
      const lastTouchAt = lastTouch.get(id);
      const added = createdAt.get(id);
      if (lastTouchAt === undefined && added === undefined) return [];
      return [{ contactId: id, createdAt: added ?? 0, cadences: cadences.get(id)!, ...(lastTouchAt !== undefined ? { lastTouchAt } : {}) }];
    }),
    snoozes,
    now,
  );
  return plan.nextAt === undefined ? { due: plan.due, planned: ids.length } : { due: plan.due, nextAt: plan.nextAt, planned: ids.length };
}

/** The first `limit` due contacts with their rows, for the Tasks view (a value left for a contact since erased is skipped). */
export async function withContacts(db: CrmDatabase, due: readonly CadenceDue[], limit: number): Promise<DueCadence[]> {
  const shown = due.slice(0, limit);
  const rows = await db.contacts.bulkGet(shown.map((entry) => entry.contactId));
  return shown.flatMap((entry, index) => {
    const contact = rows[index];
    return contact && !contact.deletedAt ? [{ contact, due: entry }] : [];
  });
}
