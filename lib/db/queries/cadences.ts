/**
 * Who is due a keep-in-touch (issue 22), read for the badge, the Tasks view and the bench. Only
 * contacts some cadence applies to are read: the members of segments that have one (as the
 * segment's own plan reads them, through an index where it can), the contacts with their own
 * (the `cadenceDays` index, schema version 9) and the tiers whose default is on (the values'
 * `tier` index). Then their activity rows by key, and lib/cadences plans. While syncing, only
 * the member's own and unassigned contacts count, as for follow-ups (readActionScope).
 */
import { isMine, type Contact } from '../../model';
import { lastTouchOf, planCadences, tierCadences, type Cadence, type CadenceDue, type CadenceSettings, type CadenceSnoozes, type CadenceTier } from '../../cadences';
import type { CrmDatabase } from '../types';
import { readActionScope } from '../team-stamp';
import { segmentMembers } from './segments';

export interface DueCadence {
  contact: Contact;
  due: CadenceDue;
}

export interface CadenceReading {
  /** Due and not snoozed, longest overdue first. */
  due: DueCadence[];
  /** When someone next falls due or a snooze ends. */
  nextAt?: number;
  /** Contacts with at least one cadence: how many were planned. */
  planned: number;
}

export async function dueCadences(db: CrmDatabase, settings: CadenceSettings, snoozes: CadenceSnoozes, now: number = Date.now()): Promise<CadenceReading> {
  const contacts = new Map<string, Contact>();
  const cadences = new Map<string, Cadence[]>();
  const apply = (contact: Contact, cadence: Cadence) => {
    if (contact.deletedAt) return;
    contacts.set(contact.id, contact);
    const list = cadences.get(contact.id);
    if (list) list.push(cadence);
    else cadences.set(contact.id, [cadence]);
  };

  const segments = (await db.segments.toArray()).filter((segment) => segment.cadenceDays !== undefined);
  for (const segment of segments) {
    const { contacts: members } = await segmentMembers(db, segment.rule, now);
    const cadence: Cadence = { days: segment.cadenceDays!, source: { kind: 'segment', segmentId: segment.id, name: segment.name } };
    for (const member of members) apply(member, cadence);
  }

  for (const contact of await db.contacts.where('cadenceDays').aboveOrEqual(1).toArray()) {
    apply(contact, { days: contact.cadenceDays!, source: { kind: 'contact' } });
  }

  const tiers = tierCadences(settings);
  if (tiers.size > 0) {
    const values = await db.values.where('tier').anyOf([...tiers.keys()]).toArray();
    const missing = values.map((value) => value.contactId).filter((id) => !contacts.has(id));
    const read = new Map((await db.contacts.bulkGet(missing)).flatMap((contact) => (contact ? [[contact.id, contact] as const] : [])));
    for (const value of values) {
      const contact = contacts.get(value.contactId) ?? read.get(value.contactId);
      if (contact) apply(contact, tiers.get(value.tier as CadenceTier)!);
    }
  }

  const me = await readActionScope(db);
  const ids = [...contacts.keys()].filter((id) => isMine(contacts.get(id)!.ownerId, me));
  const activity = await db.activity.bulkGet(ids);
  const plan = planCadences(
    ids.map((id, index) => {
      const lastTouchAt = lastTouchOf(activity[index]);
      return { contactId: id, createdAt: contacts.get(id)!.createdAt, cadences: cadences.get(id)!, ...(lastTouchAt !== undefined ? { lastTouchAt } : {}) };
    }),
    snoozes,
    now,
  );
  const due = plan.due.map((entry) => ({ contact: contacts.get(entry.contactId)!, due: entry }));
  return plan.nextAt === undefined ? { due, planned: ids.length } : { due, nextAt: plan.nextAt, planned: ids.length };
}
