/**
 * Who is due a keep-in-touch (issue 22), read for the badge, the Tasks view and the bench. Only
 * contacts some cadence applies to are planned: the members of segments that have one (from
 * index keys where the rule allows, else as the segment's own plan reads them), the contacts with
 * their own (the `cadenceDays` index, schema version 9) and the tiers whose default is on (the
 * values' `tier` index). Then the day of each one's last touch, and lib/cadences plans. While syncing, only
 * the member's own and unassigned contacts count, as for follow-ups (readActionScope).
 */
import type { Contact } from '../../model';
import {
  mergeCadencePlans,
  planCadences,
  tierCadences,
  type Cadence,
  type CadenceCandidate,
  type CadenceDue,
  type CadencePlan,
  type CadenceSettings,
  type CadenceSnoozes,
} from '../../cadences';
import type { CrmDatabase } from '../types';
import { readActionScope } from '../team-stamp';
import { readLastTouchDays } from './last-touch-days';
import { liveMemberIds } from './segments';
import { forEachSliced, threadBudget } from './thread-budget';

export interface DueCadence {
  contact: Contact;
  due: CadenceDue;
}

export interface CadenceReading {
  /** Due and not snoozed, longest overdue first (contact ids and why: the badge needs no rows); `lastTouchAt` is the touch's day (its local midnight). */
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

/** Candidates planned between two checks of the thread budget (planning one takes a few microseconds). */
const PLAN_SLICE = 500;

/**
 * Plans from index keys where it can: the tiers' members are the values' `tier` keys, a segment's
 * members its conditions' index keys when each is exact on one (else its rule reads their rows),
 * deleted and others' contacts are the `deletedAt` and `ownerId` keys, and contact rows are read
 * only for those with their own cadence and for contacts never touched (their clock starts when
 * they were added). Last touches come from the activity's `lastTouchedAt` index a day at a time
 * (readLastTouchDays): planning counts calendar days, so the due set, its order, every date and
 * explanation and the next wake time are those of the exact touches, while `due[].lastTouchAt` is
 * the local midnight starting the day of the last touch. The work runs in stretches of a few
 * milliseconds with the thread free between them (threadBudget): the Tasks view plans on the panel's.
 */
export async function dueCadences(db: CrmDatabase, settings: CadenceSettings, snoozes: CadenceSnoozes, now: number = Date.now()): Promise<CadenceReading> {
  const budget = threadBudget();
  const createdAt = new Map<string, number>();
  const cadences = new Map<string, Cadence[]>();
  const applyTo = (cadence: Cadence) => (id: string) => {
    const list = cadences.get(id);
    if (list) list.push(cadence);
    else cadences.set(id, [cadence]);
  };

  const segments = (await db.segments.toArray()).filter((segment) => segment.cadenceDays !== undefined);
  for (const segment of segments) {
    const cadence: Cadence = { days: segment.cadenceDays!, source: { kind: 'segment', segmentId: segment.id, name: segment.name } };
    await forEachSliced(await liveMemberIds(db, segment.rule, now), applyTo(cadence), budget);
  }

  for (const contact of await db.contacts.where('cadenceDays').aboveOrEqual(1).toArray()) {
    createdAt.set(contact.id, contact.createdAt);
    applyTo({ days: contact.cadenceDays!, source: { kind: 'contact' } })(contact.id);
  }

  for (const [tier, cadence] of tierCadences(settings)) {
    await forEachSliced((await db.values.where('tier').equals(tier).primaryKeys()) as string[], applyTo(cadence), budget);
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
  await budget.pause();
  const lastTouchDay = await readLastTouchDays(db, now);
  // Never touched and not read yet: their row says when they were added (a value without a contact row is left out).
  const unread = ids.filter((id) => !lastTouchDay.has(id) && !createdAt.has(id));
  for (const contact of await chunkedGet(unread, (keys) => db.contacts.bulkGet(keys))) if (contact) createdAt.set(contact.id, contact.createdAt);

  const plans: CadencePlan[] = [];
  for (let start = 0; start < ids.length; start += PLAN_SLICE) {
    await budget.pause();
    const candidates = ids.slice(start, start + PLAN_SLICE).flatMap((id): CadenceCandidate[] => {
      const lastTouchAt = lastTouchDay.get(id);
      const added = createdAt.get(id);
      if (lastTouchAt === undefined && added === undefined) return [];
      return [{ contactId: id, createdAt: added ?? 0, cadences: cadences.get(id)!, ...(lastTouchAt !== undefined ? { lastTouchAt } : {}) }];
    });
    plans.push(planCadences(candidates, snoozes, now));
  }
  await budget.pause();
  const plan = mergeCadencePlans(plans);
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
