/**
 * The rows behind the analytics page: the values the background computed, the live contacts and
 * the deals that show progress; for a saved segment, only its members' (issue 22).
 */
import type { Contact, ContactValue, Deal } from '../../model';
import type { CrmDatabase } from '../database';
import { readAllValues, readValuesState, type ValuesState } from '../values';
import { segmentMembers } from './segments';

export interface AnalyticsRows {
  state: ValuesState | null;
  values: ContactValue[];
  /** Live contacts only (a segment's members when one is chosen). */
  contacts: Contact[];
  /** Won and open deals (lost ones show no progress), of those contacts. */
  deals: Deal[];
  /** The segment's name when one was asked for and still exists. */
  segment?: string;
}

/**
 * Every row, or a segment's only: its members, their values and deals. The model's state stays
 * the whole book's (the tiers were ranked over everyone). A deleted segment reads as everyone.
 */
export async function readAnalyticsRows(db: CrmDatabase, segmentId?: string): Promise<AnalyticsRows> {
  const segment = segmentId ? await db.segments.get(segmentId) : undefined;
  const [state, values, contacts, deals] = await Promise.all([
    readValuesState(db),
    readAllValues(db),
    segment ? segmentMembers(db, segment.rule).then((members) => members.contacts) : db.contacts.toArray(),
    db.deals.where('status').anyOf('won', 'open').toArray(),
  ]);
  const live = contacts.filter((contact) => !contact.deletedAt);
  if (!segment) return { state, values, contacts: live, deals };
  const members = new Set(live.map((contact) => contact.id));
  return {
    state,
    values: values.filter((row) => members.has(row.contactId)),
    contacts: live,
    deals: deals.filter((deal) => members.has(deal.contactId)),
    segment: segment.name,
  };
}
