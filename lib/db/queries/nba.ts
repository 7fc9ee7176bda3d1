/**
 * Next best actions, read from IndexedDB (the rules that decide live in lib/nba, pure).
 *
 * Gathers the facts the rules need, through indexes only: the `values.tier` index for strategic
 * and at-risk contacts, the `contacts.stage` index for expansion, at-risk and prospect stages,
 * the `deals.status` index for open deals, then the chosen contacts and their activity facts by
 * primary key, and (for prospects with an open deal) their history backwards through
 * `[contactId+at]` until their latest reply. With 100,000 contacts only the ones a rule can
 * fire for are read, never the whole table.
 *
 * Job changes: accepting one writes the contact, so only contacts written since the rule's window
 * opened (the `contacts.updatedAt` index) that are strategic or growth (the `values.tier` index,
 * keys only) can have one; their History since then is read through `[contactId+at]`. A bulk
 * write (an import) makes that set large for a while, each a short range read.
 */
import Dexie from 'dexie';
import { displayName } from '../../model/display-name';
import { isReply, nextBestActions, type Dismissals, type JobChange, type NbaCandidate, type NbaSettings, type NextBestActions } from '../../nba';
import { isCompanyMoveSubject, isJobChangeSubject } from '../../profile-changes';
import type { Contact } from '../../model';
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

const DAY_MS = 86_400_000;

/** The latest accepted job change in a contact's History since `since`, if any. */
async function lastJobChangeAt(db: CrmDatabase, contactId: string, since: number): Promise<{ at: number; movedCompany: boolean } | undefined> {
  const change = await db.interactions
    .where('[contactId+at]')
    .between([contactId, since], [contactId, Dexie.maxKey])
    .reverse()
    .filter((row) => row.kind === 'profile-change' && isJobChangeSubject(row.subject))
    .first();
  return change ? { at: change.at, movedCompany: isCompanyMoveSubject(change.subject) } : undefined;
}

function jobOf(contact: Contact, change: { at: number; movedCompany: boolean }): JobChange {
  return { ...change, ...(contact.title ? { title: contact.title } : {}), ...(contact.company ? { company: contact.company } : {}) };
}

/**
 * `me`: only contacts this member owns or nobody owns (see readActionScope); undefined: everyone's.
 * `jobChangesSince`: read accepted job changes from then on (none when undefined).
 */
export async function readNbaCandidates(db: CrmDatabase, me?: string, jobChangesSince?: number): Promise<NbaCandidate[]> {
  return db.transaction('r', [db.values, db.contacts, db.deals, db.activity, db.interactions], async () => {
    const [tiered, expansion, atRiskStage, prospects, openDeals, growth, written] = await Promise.all([
      db.values.where('tier').anyOf(['strategic', 'at-risk']).toArray(),
      db.contacts.where('stage').equals('expansion').primaryKeys(),
      db.contacts.where('stage').equals('at-risk').primaryKeys(),
      db.contacts.where('stage').equals('prospect').primaryKeys(),
      db.deals.where('status').equals('open').toArray(),
      jobChangesSince === undefined ? [] : db.values.where('tier').equals('growth').primaryKeys(),
      jobChangesSince === undefined ? [] : db.contacts.where('updatedAt').aboveOrEqual(jobChangesSince).primaryKeys(),
    ]);
    const tierOf = new Map(tiered.map((row) => [row.contactId, row.tier]));
    const growthIds = new Set(growth);
    const jobChanges = new Map<string, { at: number; movedCompany: boolean }>();
    for (const id of written) {
      if (tierOf.get(id) !== 'strategic' && !growthIds.has(id)) continue;
      const change = await lastJobChangeAt(db, id, jobChangesSince!);
      if (!change) continue;
      jobChanges.set(id, change);
      if (growthIds.has(id)) tierOf.set(id, 'growth');
    }
    // Summed per currency: amounts in different currencies are never added together.
    const dealsOf = new Map<string, { count: number; value: number; byCurrency: Map<string, number> }>();
    for (const deal of openDeals) {
      const sum = dealsOf.get(deal.contactId) ?? { count: 0, value: 0, byCurrency: new Map<string, number>() };
      sum.count += 1;
      sum.value += deal.amount;
      sum.byCurrency.set(deal.currency, (sum.byCurrency.get(deal.currency) ?? 0) + deal.amount);
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
        ...(deals ? openDealMoney(deals.byCurrency) : {}),
        ...(jobChanges.has(contact.id) ? { jobChange: jobOf(contact, jobChanges.get(contact.id)!) } : {}),
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
  const candidates = await readNbaCandidates(db, await readActionScope(db), now - settings.jobChangeDays * DAY_MS);
  return nextBestActions(candidates, settings, dismissals, now);
}

/** One currency: its code; several: the total in each, largest first (the rule's words list them). */
function openDealMoney(byCurrency: ReadonlyMap<string, number>): Pick<NbaCandidate, 'currency' | 'openDealTotals'> {
  const totals = [...byCurrency].sort((a, b) => b[1] - a[1]).map(([currency, value]) => ({ currency, value }));
  return totals.length === 1 ? { currency: totals[0]!.currency } : { openDealTotals: totals };
}
