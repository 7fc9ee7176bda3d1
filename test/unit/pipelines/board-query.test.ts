import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contactCard, dealCard } from '@/components/board/board-cards';
import { addDeal, moveDealToStage, openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { contactsInPipeline, dealsInPipeline, unplacedOpenDeals } from '@/lib/db/queries/board';
import { Contact, UNASSIGNED } from '@/lib/model';
import { pipelineFromTemplate } from '@/lib/pipelines';

let db: CrmDatabase;
let count = 0;
const recruiting = pipelineFromTemplate('recruiting', []);
const sales = pipelineFromTemplate('sales', []);

const contact = (id: string, overrides: Partial<Contact> = {}) => Contact.parse({ id, name: id.toUpperCase(), createdAt: 1, updatedAt: 1, ...overrides });

beforeEach(async () => {
  db = openCrmDatabase(`board-query-${++count}`);
  await db.open();
  await db.contacts.bulkPut([
    contact('ada', { tags: ['alice'], company: 'Engines', pipelineStage: 'recruiting:screening' }),
    contact('bob', { tags: ['bruno'], pipelineStage: 'recruiting:offer' }),
    contact('cy', { tags: ['alice'], pipelineStage: 'other:offer' }),
    contact('dee', { tags: ['alice'], pipelineStage: 'recruiting:offer', deletedAt: 9 }),
    contact('eve', { tags: ['alice'] }),
  ]);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('board queries', () => {
  it('keeps only the cards a member owns, or the unassigned ones, when the Owner filter is set (issue 18)', async () => {
    await db.contacts.update('ada', { ownerId: 'usr_dana' });
    const ids = async (owner?: string) => (await contactsInPipeline(db, recruiting.id, undefined, owner)).map((row) => row.id).sort();
    expect(await ids()).toEqual(['ada', 'bob']);
    expect(await ids('usr_dana')).toEqual(['ada']);
    expect(await ids('usr_ravi')).toEqual([]);
    expect(await ids(UNASSIGNED)).toEqual(['bob']);
    // Deals are filtered by their own owner, not their person's.
    const mine = await addDeal(db, { contactId: 'bob', title: 'Mine', amount: 1, currency: 'USD', status: 'open', at: 1, ownerId: 'usr_dana' });
    const nobodys = await addDeal(db, { contactId: 'ada', title: 'Nobody’s', amount: 1, currency: 'USD', status: 'open', at: 1 });
    await moveDealToStage(db, mine.id, sales, 'lead');
    await moveDealToStage(db, nobodys.id, sales, 'lead');
    const titles = async (ownerTag?: string, owner?: string) => (await dealsInPipeline(db, sales.id, ownerTag, owner)).map(({ deal }) => deal.title).sort();
    expect(await titles(undefined, 'usr_dana')).toEqual(['Mine']);
    expect(await titles(undefined, UNASSIGNED)).toEqual(['Nobody’s']);
    expect(await titles('alice', 'usr_dana')).toEqual([]);
    expect(await titles('alice', UNASSIGNED)).toEqual(['Nobody’s']);
  });

  it('reads live contacts in the pipeline through the pipelineStage index (never a scan), or the tags index when filtered by owner', async () => {
    const where = vi.spyOn(db.contacts, 'where');
    const scan = vi.spyOn(db.contacts, 'orderBy');
    const all = await contactsInPipeline(db, recruiting.id);
    expect(all.map((row) => row.id).sort()).toEqual(['ada', 'bob']);
    expect(where).toHaveBeenLastCalledWith('pipelineStage');
    const alice = await contactsInPipeline(db, recruiting.id, 'alice');
    expect(where).toHaveBeenLastCalledWith('tags');
    expect(scan).not.toHaveBeenCalled();
    expect(alice.map(contactCard)).toEqual([{ id: 'ada', contactId: 'ada', title: 'ADA', detail: 'Engines', place: 'recruiting:screening' }]);
  });

  it('reads deals in the pipeline with their owner, owner-filtered through contactId, skipping trashed contacts', async () => {
    const adaDeal = await addDeal(db, { contactId: 'ada', title: 'Licence', amount: 100, currency: 'USD', status: 'open', at: 1 });
    const bobDeal = await addDeal(db, { contactId: 'bob', title: 'Support', amount: 200, currency: 'USD', status: 'open', at: 1 });
    await addDeal(db, { contactId: 'bob', title: 'Loose', amount: 300, currency: 'USD', status: 'open', at: 1 });
    await moveDealToStage(db, adaDeal.id, sales, 'proposal');
    await moveDealToStage(db, bobDeal.id, sales, 'lead');
    const scan = vi.spyOn(db.deals, 'orderBy');
    const all = (await dealsInPipeline(db, sales.id)).map(dealCard);
    expect(all.map((card) => [card.title, card.detail, card.amount, card.place]).sort()).toEqual([
      ['Licence', 'ADA', 100, 'sales:proposal'],
      ['Support', 'BOB', 200, 'sales:lead'],
    ]);
    expect(scan).not.toHaveBeenCalled();
    expect((await dealsInPipeline(db, sales.id, 'alice')).map(({ deal }) => deal.id)).toEqual([adaDeal.id]);
    expect(await dealsInPipeline(db, sales.id, 'nobody')).toEqual([]);
    expect((await unplacedOpenDeals(db, 10)).map(({ deal, owner }) => [deal.title, owner.id])).toEqual([['Loose', 'bob']]);

    await db.contacts.update('bob', { deletedAt: 5 });
    expect((await dealsInPipeline(db, sales.id)).map(({ deal }) => deal.id)).toEqual([adaDeal.id]);
    expect(await unplacedOpenDeals(db, 10)).toEqual([]);
  });

  it('titles an untitled deal and keeps a person’s card to name, company and place', () => {
    const owner = contact('ada', { name: 'Ada Lovelace' });
    const card = dealCard({ deal: { id: 'd1', contactId: 'ada', title: '  ', amount: 5, currency: 'EUR', status: 'open', at: 1, stage: 'sales:lead' }, owner });
    expect(card).toEqual({ id: 'd1', contactId: 'ada', title: 'Untitled deal', detail: 'Ada Lovelace', amount: 5, currency: 'EUR', place: 'sales:lead' });
    expect(contactCard(contact('bob', { pipelineStage: 'recruiting:offer' }))).toEqual({ id: 'bob', contactId: 'bob', title: 'BOB', place: 'recruiting:offer' });
  });
});
