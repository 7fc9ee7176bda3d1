import type { Contact, SegmentRule } from '../../model';
import type { OutreachCandidate } from '../../outreach';
import type { CrmDatabase } from '../types';
import { segmentMembers } from './segments';

/** A segment's live members with when each was last contacted: what lib/outreach plans from. */
export async function outreachCandidates(db: CrmDatabase, rule: SegmentRule, now: number = Date.now()): Promise<OutreachCandidate[]> {
  const { contacts } = await segmentMembers(db, rule, now);
  return withLastContact(db, contacts);
}

/** The given contacts (still live, in the given order) with their last contact. */
export async function outreachContacts(db: CrmDatabase, ids: readonly string[]): Promise<Map<string, OutreachCandidate>> {
  const contacts = (await db.contacts.bulkGet([...ids])).filter((contact): contact is Contact => contact !== undefined && !contact.deletedAt);
  return new Map((await withLastContact(db, contacts)).map((candidate) => [candidate.contact.id, candidate]));
}

async function withLastContact(db: CrmDatabase, contacts: Contact[]): Promise<OutreachCandidate[]> {
  const facts = await db.activity.bulkGet(contacts.map((contact) => contact.id));
  return contacts.map((contact, index) => {
    const last = facts[index]?.lastContactedAt;
    return last === undefined ? { contact } : { contact, lastContactedAt: last };
  });
}
