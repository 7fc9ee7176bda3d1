/**
 * Reads a pipeline's cards from IndexedDB. Where a row sits is a string on the row; version 4 of
 * the schema has no index on it (contacts' `pipelineStage`, deals' `stage`), so:
 * - with an owner tag, candidates come through the `*tags` index (and their deals through
 *   `contactId`): only the tagged people are read;
 * - else, if a later schema version indexes the place, through that index (checked at run time);
 * - else the table is read in chunks and filtered, keeping only the pipeline's rows in memory.
 *   `via: 'scan'` tells the page to say so: with a large book, an owner tag is the fast path.
 */
import type { Table } from 'dexie';
import { displayName } from '@/lib/model/display-name';
import type { CrmDatabase } from '@/lib/db';
import type { Contact, Deal } from '@/lib/model';
import type { Pipeline } from '@/lib/pipelines';
import type { BoardCard } from './board-columns';

export interface BoardRead {
  cards: BoardCard[];
  via: 'tag' | 'index' | 'scan';
}

const SCAN_CHUNK = 5_000;

function hasIndex(table: { schema: { indexes: readonly { name: string }[] } }, name: string): boolean {
  return table.schema.indexes.some((index) => index.name === name);
}

/** Rows of `table` passing `keep`, read in primary-key chunks (separate requests, bounded memory). */
async function scanFor<T extends { id: string }, TInsert>(table: Table<T, string, TInsert>, keep: (row: T) => boolean): Promise<T[]> {
  const kept: T[] = [];
  let last: string | undefined;
  for (;;) {
    const page = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(SCAN_CHUNK).toArray();
    for (const row of page) if (keep(row)) kept.push(row);
    if (page.length < SCAN_CHUNK) return kept;
    last = page[page.length - 1]!.id;
  }
}

const live = (contact: Contact | undefined): contact is Contact => !!contact && !contact.deletedAt;

async function contactsWithTag(db: CrmDatabase, tag: string): Promise<Contact[]> {
  return (await db.contacts.where('tags').equals(tag).toArray()).filter(live);
}

async function contactCards(db: CrmDatabase, pipeline: Pipeline, ownerTag: string | undefined): Promise<BoardRead> {
  const prefix = `${pipeline.id}:`;
  const inPipeline = (contact: Contact) => !contact.deletedAt && !!contact.pipelineStage?.startsWith(prefix);
  let via: BoardRead['via'];
  let contacts: Contact[];
  if (ownerTag) {
    via = 'tag';
    contacts = (await contactsWithTag(db, ownerTag)).filter(inPipeline);
  } else if (hasIndex(db.contacts, 'pipelineStage')) {
    via = 'index';
    contacts = (await db.contacts.where('pipelineStage').startsWith(prefix).toArray()).filter(inPipeline);
  } else {
    via = 'scan';
    contacts = await scanFor(db.contacts, inPipeline);
  }
  const cards = contacts.map((contact) => {
    const card: BoardCard = { id: contact.id, contactId: contact.id, title: displayName(contact), place: contact.pipelineStage! };
    if (contact.company) card.detail = contact.company;
    return card;
  });
  return { cards, via };
}

async function dealCards(db: CrmDatabase, pipeline: Pipeline, ownerTag: string | undefined): Promise<BoardRead> {
  const prefix = `${pipeline.id}:`;
  const inPipeline = (deal: Deal) => !!deal.stage?.startsWith(prefix);
  let via: BoardRead['via'];
  let deals: Deal[];
  const owners = new Map<string, Contact>();
  if (ownerTag) {
    via = 'tag';
    for (const contact of await contactsWithTag(db, ownerTag)) owners.set(contact.id, contact);
    deals = owners.size ? (await db.deals.where('contactId').anyOf([...owners.keys()]).toArray()).filter(inPipeline) : [];
  } else {
    via = hasIndex(db.deals, 'stage') ? 'index' : 'scan';
    deals = via === 'index' ? await db.deals.where('stage').startsWith(prefix).toArray() : await scanFor(db.deals, inPipeline);
    const ids = [...new Set(deals.map((deal) => deal.contactId))];
    (await db.contacts.bulkGet(ids)).forEach((contact) => {
      if (live(contact)) owners.set(contact.id, contact);
    });
  }
  const cards: BoardCard[] = [];
  for (const deal of deals) {
    const owner = owners.get(deal.contactId);
    if (!owner) continue; // the contact is in the trash: so are their deals, as far as the board goes
    cards.push({
      id: deal.id,
      contactId: deal.contactId,
      title: deal.title.trim() || 'Untitled deal',
      detail: displayName(owner),
      amount: deal.amount,
      currency: deal.currency,
      place: deal.stage!,
    });
  }
  return { cards, via };
}

export function readBoardCards(db: CrmDatabase, pipeline: Pipeline, ownerTag: string | undefined): Promise<BoardRead> {
  return pipeline.kind === 'contacts' ? contactCards(db, pipeline, ownerTag) : dealCards(db, pipeline, ownerTag);
}

/** Open deals in no pipeline yet, through the `status` index: what a deals board offers to place. */
export async function unplacedOpenDeals(db: CrmDatabase, limit: number): Promise<Deal[]> {
  return db.deals
    .where('status')
    .equals('open')
    .filter((deal) => !deal.stage)
    .limit(limit)
    .toArray();
}
