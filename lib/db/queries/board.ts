/**
 * What the pipeline board shows, read through indexes only. Where a row sits is one string on
 * the row (`<pipelineId>:<stageId>`), indexed since schema version 5 (contacts' `pipelineStage`,
 * deals' `stage`). With an owner tag the candidates come through `*tags` instead (and their
 * deals through `contactId`): only the tagged people are read. Trashed contacts, and their
 * deals, are left out.
 */
import { matchesOwner, type Contact, type Deal } from '../../model';
import type { CrmDatabase } from '../database';

/** A deal with the live contact it belongs to. */
export interface DealWithOwner {
  deal: Deal;
  owner: Contact;
}

const live = (contact: Contact | undefined): contact is Contact => !!contact && !contact.deletedAt;
const placePrefix = (pipelineId: string) => `${pipelineId}:`;

async function liveContactsTagged(db: CrmDatabase, tag: string): Promise<Contact[]> {
  return (await db.contacts.where('tags').equals(tag).toArray()).filter(live);
}

async function withLiveOwners(db: CrmDatabase, deals: readonly Deal[]): Promise<DealWithOwner[]> {
  const owners = await db.contacts.bulkGet([...new Set(deals.map((deal) => deal.contactId))]);
  const byId = new Map(owners.filter(live).map((owner) => [owner.id, owner]));
  return deals.flatMap((deal) => {
    const owner = byId.get(deal.contactId);
    return owner ? [{ deal, owner }] : [];
  });
}

/**
 * Live contacts placed in the pipeline, optionally only those carrying `ownerTag`, and (while
 * syncing) only those `owner` owns: a member's id or UNASSIGNED (lib/model/ownership.ts).
 */
export async function contactsInPipeline(db: CrmDatabase, pipelineId: string, ownerTag?: string, owner?: string): Promise<Contact[]> {
  const prefix = placePrefix(pipelineId);
  const candidates = ownerTag ? await liveContactsTagged(db, ownerTag) : await db.contacts.where('pipelineStage').startsWith(prefix).toArray();
  return candidates.filter((contact) => live(contact) && !!contact.pipelineStage?.startsWith(prefix) && matchesOwner(contact.ownerId, owner));
}

/**
 * Deals placed in the pipeline with their live owners, optionally only deals of people carrying
 * `ownerTag`, and (while syncing) only deals `owner` owns (the deal's own ownerId, not its person's).
 */
export async function dealsInPipeline(db: CrmDatabase, pipelineId: string, ownerTag?: string, owner?: string): Promise<DealWithOwner[]> {
  const prefix = placePrefix(pipelineId);
  const inPipeline = (deal: Deal) => !!deal.stage?.startsWith(prefix) && matchesOwner(deal.ownerId, owner);
  if (!ownerTag) return withLiveOwners(db, (await db.deals.where('stage').startsWith(prefix).toArray()).filter(inPipeline));
  const owners = new Map((await liveContactsTagged(db, ownerTag)).map((owner) => [owner.id, owner]));
  if (owners.size === 0) return [];
  const deals = (await db.deals.where('contactId').anyOf([...owners.keys()]).toArray()).filter(inPipeline);
  return deals.map((deal) => ({ deal, owner: owners.get(deal.contactId)! }));
}

/**
 * Up to `limit` open deals in no pipeline yet, through the `status` index, with their live
 * owners: what a deals board offers to place. Deals of trashed contacts are read, then dropped.
 */
export async function unplacedOpenDeals(db: CrmDatabase, limit: number): Promise<DealWithOwner[]> {
  const open = await db.deals
    .where('status')
    .equals('open')
    .filter((deal) => !deal.stage)
    .limit(limit)
    .toArray();
  return withLiveOwners(db, open);
}
