import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBoardCards, unplacedOpenDeals } from '@/components/board/board-query';
import { addDeal, moveDealToStage, openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { Contact } from '@/lib/model';
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
  await db.delete();
});

describe('readBoardCards', () => {
  it('reads live contacts in the pipeline through the pipelineStage index, or the tags index when filtered by owner', async () => {
    const scan = vi.spyOn(db.contacts, 'orderBy');
    const all = await readBoardCards(db, recruiting, undefined);
    expect(all.via).toBe('index');
    expect(scan).not.toHaveBeenCalled();
    expect(all.cards.map((card) => card.id).sort()).toEqual(['ada', 'bob']);
    const alice = await readBoardCards(db, recruiting, 'alice');
    expect(alice.via).toBe('tag');
    expect(alice.cards).toEqual([{ id: 'ada', contactId: 'ada', title: 'ADA', detail: 'Engines', place: 'recruiting:screening' }]);
  });

  it('reads deals in the pipeline with their contact, owner-filtered through contactId, skipping trashed contacts', async () => {
    const adaDeal = await addDeal(db, { contactId: 'ada', title: 'Licence', amount: 100, currency: 'USD', status: 'open', at: 1 });
    const bobDeal = await addDeal(db, { contactId: 'bob', title: 'Support', amount: 200, currency: 'USD', status: 'open', at: 1 });
    await addDeal(db, { contactId: 'bob', title: 'Loose', amount: 300, currency: 'USD', status: 'open', at: 1 });
    await moveDealToStage(db, adaDeal.id, sales, 'proposal');
    await moveDealToStage(db, bobDeal.id, sales, 'lead');
    const all = await readBoardCards(db, sales, undefined);
    expect(all.cards.map((card) => [card.title, card.detail, card.amount, card.place]).sort()).toEqual([
      ['Licence', 'ADA', 100, 'sales:proposal'],
      ['Support', 'BOB', 200, 'sales:lead'],
    ]);
    const alice = await readBoardCards(db, sales, 'alice');
    expect(alice.cards.map((card) => card.id)).toEqual([adaDeal.id]);
    await db.contacts.update('bob', { deletedAt: 5 });
    expect((await readBoardCards(db, sales, undefined)).cards.map((card) => card.id)).toEqual([adaDeal.id]);
    expect((await unplacedOpenDeals(db, 10)).map((deal) => deal.title)).toEqual(['Loose']);
  });
});
