import { describe, expect, it } from 'vitest';
import { boardColumns, neighbourStage, type BoardCard } from '@/components/board/board-columns';
import { pipelineFromTemplate } from '@/lib/pipelines';

const sales = { ...pipelineFromTemplate('sales', []), currency: 'EUR' };
const recruiting = pipelineFromTemplate('recruiting', []);
const deal = (id: string, stage: string, amount: number, currency = 'EUR'): BoardCard => ({
  id,
  contactId: `c-${id}`,
  title: `Deal ${id}`,
  amount,
  currency,
  place: `sales:${stage}`,
});
const person = (id: string, name: string, place: string): BoardCard => ({ id, contactId: id, title: name, place });

describe('boardColumns', () => {
  it('has a column per stage in order, deal totals in the pipeline currency, other currencies counted apart', () => {
    const columns = boardColumns(sales, [deal('a', 'lead', 1_000), deal('b', 'lead', 2_500), deal('c', 'lead', 9_999, 'USD'), deal('d', 'won', 400)], 100);
    expect(columns.map((column) => column.stage?.id)).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    expect(columns[0]).toMatchObject({ count: 3, total: 3_500, otherCurrency: 1 });
    // Largest deal first.
    expect(columns[0]!.cards.map((card) => card.id)).toEqual(['c', 'b', 'a']);
    expect(columns[4]).toMatchObject({ count: 1, total: 400, otherCurrency: 0 });
    expect(columns[1]).toMatchObject({ count: 0, total: 0, cards: [] });
  });

  it('counts people, sorted by name, and shows at most the cap while totals cover them all', () => {
    const people = ['Zoe', 'adam', 'Émile', 'Bea'].map((name, index) => person(`p${index}`, name, 'recruiting:screening'));
    const [, , screening] = boardColumns(recruiting, people, 2);
    expect(screening).toMatchObject({ count: 4, total: 4 });
    expect(screening!.cards.map((card) => card.title)).toEqual(['adam', 'Bea']);
  });

  it('gathers cards of a removed stage, and of no other pipeline, in a last column', () => {
    const columns = boardColumns(recruiting, [person('a', 'Ada', 'recruiting:phone-screen'), person('b', 'Bob', 'recruiting:offer')], 100);
    expect(columns).toHaveLength(recruiting.stages.length + 1);
    expect(columns.at(-1)).toMatchObject({ stage: null, count: 1 });
    expect(columns.at(-1)!.cards[0]!.title).toBe('Ada');
  });
});

describe('neighbourStage', () => {
  it('steps left and right, stops at the ends, and brings a removed stage back in', () => {
    expect(neighbourStage(recruiting, 'recruiting:screening', 1)?.id).toBe('interviewing');
    expect(neighbourStage(recruiting, 'recruiting:screening', -1)?.id).toBe('contacted');
    expect(neighbourStage(recruiting, 'recruiting:sourced', -1)).toBeUndefined();
    expect(neighbourStage(recruiting, 'recruiting:rejected', 1)).toBeUndefined();
    expect(neighbourStage(recruiting, 'recruiting:gone', 1)?.id).toBe('sourced');
  });
});
