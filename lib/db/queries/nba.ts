/**
 * Next best actions, read from IndexedDB (the rules that decide live in lib/nba, pure).
 *
 * Gathers the facts the rules need, through indexes only: the `values.tier` index for strategic
 * and at-risk contacts, the `contacts.stage` index for expansion, at-risk and prospect stages,
 * the `deals.status` index for open deals, then the chosen contacts and their activity facts by
 * primary key, and (for prospects with an open deal) their history backwards through
 * `[contactId+at]` until their latest reply. With 100,000 contacts only the ones a rule can
 * fire for are read, never the whole table.
 */
import Dexie from 'dexie';
import { displayName } from '../../model/display-name';
import { isReply, nextBestActions, type Dismissals, type NbaCandidate, type NbaSettings, type NextBestActions } from '../../nba';
import { isMine } from '../../model/ownership';
import type { CrmDatabase } from '../database';
import { readActionScope } from '../team-stamp';

async function lastReplyAt(db: CrmDatabase, contactId: string): Promise<number | undefined> {
  const reply = await db.interactions
    .where('[contactId+at]')
    .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
    .reverse()
    .filter(isReply)
    .first();
  return reply?.at;
}

/** `me`: only contacts this member owns or nobody owns (see readActionScope); undefined: everyone's. */
export async function readNbaCandidates(db: CrmDatabase, me?: string): Promise<NbaCandidate[]> {
  return db.transaction('r', [db.values, db.contacts, db.deals, db.activity, db.interactions], async () => {
    const [tiered, expansion, atRiskStage, prospects, openDeals] = await Promise.all([
      db.values.where('tier').anyOf(['strategic', 'at-risk']).toArray(),
      db.contacts.where('stage').equals('expansion').primaryKeys(),
      db.contacts.where('stage').equals('at-risk').primaryKeys(),
      db.contacts.where('stage').equals('prospect').primaryKeys(),
      db.deals.where('status').equals('open').toArray(),
    ]);
    const tierOf = new Map(tiered.map((row) => [row.contactId, row.tier]));
    const dealsOf = new Map<string, { count: number; value: number; currency?: string }>();
    for (const deal of openDeals) {
      const sum = dealsOf.get(deal.contactId) ?? { count: 0, value: 0, currency: deal.currency };
      sum.count += 1;
      sum.value += deal.amount;
      dealsOf.set(deal.contactId, sum);
    }
    const prospectsWithDeals = prospects.filter((id) => dealsOf.has(id));
    const ids = [...new Set([...tierOf.keys(), ...expansion, ...atRiskStage, ...prospectsWithDeals])];
    const [contacts, activity] = await Promise.all([db.contacts.bulkGet(ids), db.activity.bulkGet(ids)]);
    const candidates: NbaCandidate[] = [];
    for (const [index, contact] of contacts.entries()) {
      if (!contact || contact.deletedAt !== undefined || !isMine(contact.ownerId, me)) continue;
      const facts = activity[index];
      const deals = dealsOf.get(contact.id);
      const tier = tierOf.get(contact.id);
      candidates.push({
        contactId: contact.id,
        name: displayName(contact),
        stage: contact.stage,
        createdAt: contact.createdAt,
        ...(tier ? { tier } : {}),
        ...(facts?.lastContactedAt !== undefined ? { lastContactedAt: facts.lastContactedAt } : {}),
        openDeals: deals?.count ?? 0,
        openDealValue: deals?.value ?? 0,
        ...(deals?.currency ? { currency: deals.currency } : {}),
      });
    }
    for (const candidate of candidates) {
      if (candidate.stage !== 'prospect' || candidate.openDeals === 0) continue;
      const at = await lastReplyAt(db, candidate.contactId);
      if (at !== undefined) candidate.lastReplyAt = at;
    }
    return candidates;
  });
}

export async function readNextBestActions(db: CrmDatabase, settings: NbaSettings, dismissals: Dismissals, now: number): Promise<NextBestActions> {
  return nextBestActions(await readNbaCandidates(db, await readActionScope(db)), settings, dismissals, now);
}
