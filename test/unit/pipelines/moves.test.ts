import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDeal,
  interactionsOf,
  moveContactToStage,
  moveDealToStage,
  openCrmDatabase,
  wonDealsRevision,
  type CrmDatabase,
} from '@/lib/db';
import { Contact } from '@/lib/model';
import { pipelineFromTemplate } from '@/lib/pipelines';

let db: CrmDatabase;
let count = 0;
const recruiting = pipelineFromTemplate('recruiting', []);
const sales = pipelineFromTemplate('sales', []);

beforeEach(async () => {
  db = openCrmDatabase(`pipeline-moves-${++count}`);
  await db.open();
  await db.contacts.put(Contact.parse({ id: 'ada', name: 'Ada', createdAt: 1, updatedAt: 1 }));
});
afterEach(async () => {
  await db.delete();
});

/** Makes every interaction write fail, as a full disk or a bug would, to see what else is left written. */
function failInteractionWrites() {
  db.interactions.hook('creating', () => {
    throw new Error('disk full');
  });
}

describe('moveContactToStage', () => {
  it('places a contact, then moves it, each move a stage-change in History with from and to', async () => {
    const placed = await moveContactToStage(db, 'ada', recruiting, 'sourced', 1_000);
    expect(placed).toMatchObject({ changed: true, from: undefined, to: { id: 'sourced' } });
    const moved = await moveContactToStage(db, 'ada', recruiting, 'screening', 2_000);
    expect(moved.from?.id).toBe('sourced');
    expect(await db.contacts.get('ada')).toMatchObject({ pipelineStage: 'recruiting:screening', updatedAt: 2_000, stage: 'lead' });
    const history = await interactionsOf(db, 'ada');
    expect(history.map((row) => [row.kind, row.subject, row.at])).toEqual([
      ['stage-change', 'Recruiting: Sourced → Screening', 2_000],
      ['stage-change', 'Recruiting: added at Sourced', 1_000],
    ]);
  });

  it('writes nothing when the contact is already there', async () => {
    await moveContactToStage(db, 'ada', recruiting, 'offer', 1_000);
    const again = await moveContactToStage(db, 'ada', recruiting, 'offer', 2_000);
    expect(again.changed).toBe(false);
    expect(await interactionsOf(db, 'ada')).toHaveLength(1);
    expect((await db.contacts.get('ada'))?.updatedAt).toBe(1_000);
  });

  it('is one transaction: if History cannot be written, the contact does not move', async () => {
    await moveContactToStage(db, 'ada', recruiting, 'sourced', 1_000);
    failInteractionWrites();
    await expect(moveContactToStage(db, 'ada', recruiting, 'offer', 2_000)).rejects.toThrow();
    expect((await db.contacts.get('ada'))?.pipelineStage).toBe('recruiting:sourced');
  });

  it('refuses a stage the pipeline does not have, a deals pipeline, and a deleted contact', async () => {
    await expect(moveContactToStage(db, 'ada', recruiting, 'won')).rejects.toThrow('Recruiting has no stage “won”.');
    await expect(moveContactToStage(db, 'ada', sales, 'lead')).rejects.toThrow('Sales is a pipeline of deals, not contacts.');
    await db.contacts.update('ada', { deletedAt: 5 });
    await expect(moveContactToStage(db, 'ada', recruiting, 'sourced')).rejects.toThrow('No contact with id ada');
    expect(await interactionsOf(db, 'ada')).toEqual([]);
  });
});

describe('moveDealToStage', () => {
  const openDeal = () => addDeal(db, { contactId: 'ada', title: 'Licence', amount: 50_000, currency: 'USD', status: 'open', at: 500 }, 500);

  it('moves an open deal and logs it on the contact, without touching the won-deal revision', async () => {
    const deal = await openDeal();
    const revision = await wonDealsRevision(db);
    await moveDealToStage(db, deal.id, sales, 'proposal', 1_000);
    expect(await db.deals.get(deal.id)).toMatchObject({ stage: 'sales:proposal', status: 'open', at: 500 });
    expect(await wonDealsRevision(db)).toBe(revision);
    const [change] = await interactionsOf(db, 'ada');
    expect(change).toMatchObject({ kind: 'stage-change', subject: 'Deal “Licence” · Sales: added at Proposal', at: 1_000 });
  });

  it('wins a deal moved to the won stage: status won, closed now, revision bumped, facts updated', async () => {
    const deal = await openDeal();
    await moveDealToStage(db, deal.id, sales, 'negotiation', 1_000);
    const revision = await wonDealsRevision(db);
    await moveDealToStage(db, deal.id, sales, 'won', 2_000);
    expect(await db.deals.get(deal.id)).toMatchObject({ stage: 'sales:won', status: 'won', at: 2_000 });
    expect(await wonDealsRevision(db)).toBe(revision + 1);
    expect(await db.activity.get('ada')).toMatchObject({ wonValue: 50_000, openDealValue: 0 });
    expect((await interactionsOf(db, 'ada'))[0]?.subject).toBe('Deal “Licence” · Sales: Negotiation → Won');
  });

  it('reopens a won deal moved back to an open stage, and loses one moved to lost', async () => {
    const deal = await openDeal();
    await moveDealToStage(db, deal.id, sales, 'won', 1_000);
    const revision = await wonDealsRevision(db);
    await moveDealToStage(db, deal.id, sales, 'negotiation', 2_000);
    expect(await db.deals.get(deal.id)).toMatchObject({ status: 'open' });
    expect(await wonDealsRevision(db)).toBe(revision + 1);
    await moveDealToStage(db, deal.id, sales, 'lost', 3_000);
    expect(await db.deals.get(deal.id)).toMatchObject({ status: 'lost', at: 3_000 });
    expect(await wonDealsRevision(db)).toBe(revision + 1);
  });

  it('is one transaction: if History cannot be written, the deal is not won and the revision stays', async () => {
    const deal = await openDeal();
    const revision = await wonDealsRevision(db);
    failInteractionWrites();
    await expect(moveDealToStage(db, deal.id, sales, 'won', 2_000)).rejects.toThrow();
    expect(await db.deals.get(deal.id)).toMatchObject({ status: 'open', at: 500 });
    expect((await db.deals.get(deal.id))?.stage).toBeUndefined();
    expect(await wonDealsRevision(db)).toBe(revision);
    expect(await db.activity.get('ada')).toMatchObject({ wonValue: 0, openDealValue: 50_000 });
  });

  it('refuses a contacts pipeline', async () => {
    const deal = await openDeal();
    await expect(moveDealToStage(db, deal.id, recruiting, 'offer')).rejects.toThrow('Recruiting is a pipeline of contacts, not deals.');
  });
});
