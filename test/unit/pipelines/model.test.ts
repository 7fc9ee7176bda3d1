import { describe, expect, it } from 'vitest';
import {
  addStage,
  moveStage,
  parsePlace,
  PIPELINE_TEMPLATES,
  pipelineFromTemplate,
  placeKey,
  removeStage,
  renamePipeline,
  renameStage,
  setStageOutcome,
  stageOfPlace,
  validatePipeline,
  type Pipeline,
} from '@/lib/pipelines';

const two = (overrides: Partial<Pipeline> = {}) => ({
  id: 'hiring',
  name: 'Hiring',
  kind: 'contacts',
  stages: [
    { id: 'new', label: 'New' },
    { id: 'done', label: 'Done', outcome: 'won' },
  ],
  ...overrides,
});

describe('validatePipeline', () => {
  it('accepts a pipeline of two stages and fills in the currency', () => {
    const check = validatePipeline(two());
    expect(check).toEqual({ ok: true, pipeline: expect.objectContaining({ id: 'hiring', currency: 'USD' }) });
  });

  it('refuses fewer than two stages', () => {
    const check = validatePipeline(two({ stages: [{ id: 'only', label: 'Only' }] }));
    expect(check).toEqual({ ok: false, problems: ['A pipeline needs at least 2 stages.'] });
  });

  it('refuses two stages with one id, or one name in any letter case', () => {
    const sameId = validatePipeline(two({ stages: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }));
    expect(sameId).toEqual({ ok: false, problems: ['Two stages have the id “a”.'] });
    const sameLabel = validatePipeline(two({ stages: [{ id: 'a', label: 'Offer' }, { id: 'b', label: ' offer ' }] }));
    expect(sameLabel).toEqual({ ok: false, problems: ['Two stages are called “offer”.'] });
  });

  it('refuses ids that could not be stored in a place string, and empty names', () => {
    expect(validatePipeline(two({ id: 'Has Space' })).ok).toBe(false);
    expect(validatePipeline(two({ id: 'x'.repeat(41) })).ok).toBe(false);
    expect(validatePipeline(two({ name: '   ' }))).toEqual({ ok: false, problems: ['A pipeline needs a name.'] });
    expect(validatePipeline(two({ kind: 'tasks' as Pipeline['kind'] })).ok).toBe(false);
  });
});

describe('templates', () => {
  it('ship Sales and Recruiting with the stages the issue names, closed stages marked', () => {
    const sales = pipelineFromTemplate('sales', []);
    expect(sales.kind).toBe('deals');
    expect(sales.stages.map((s) => s.id)).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    expect(sales.stages.filter((s) => s.outcome).map((s) => [s.id, s.outcome])).toEqual([
      ['won', 'won'],
      ['lost', 'lost'],
    ]);
    const recruiting = pipelineFromTemplate('recruiting', []);
    expect(recruiting.kind).toBe('contacts');
    expect(recruiting.stages.map((s) => s.id)).toEqual(['sourced', 'contacted', 'screening', 'interviewing', 'offer', 'hired', 'rejected']);
    for (const template of Object.values(PIPELINE_TEMPLATES)) expect(validatePipeline(template).ok).toBe(true);
  });

  it('gives a second pipeline from one template an id of its own, and its own name', () => {
    const first = pipelineFromTemplate('sales', []);
    expect(pipelineFromTemplate('sales', [first]).id).toBe('sales-2');
    const named = pipelineFromTemplate('recruiting', [first], 'Engineering hires');
    expect(named).toMatchObject({ id: 'engineering-hires', name: 'Engineering hires' });
  });

  it('copies the stages, so editing a pipeline never edits the template', () => {
    const pipeline = pipelineFromTemplate('sales', []);
    pipeline.stages[0]!.label = 'Changed';
    expect(PIPELINE_TEMPLATES.sales.stages[0].label).toBe('Lead');
  });
});

describe('places', () => {
  it('round-trip pipeline and stage ids, and refuse lifecycle words and junk', () => {
    expect(placeKey('recruiting', 'offer')).toBe('recruiting:offer');
    expect(parsePlace('recruiting:offer')).toEqual({ pipelineId: 'recruiting', stageId: 'offer' });
    for (const junk of [undefined, '', 'customer', ':offer', 'recruiting:', 'a:b:c', 'A:b']) expect(parsePlace(junk)).toBeUndefined();
  });

  it('find the stage only in its own pipeline', () => {
    const recruiting = pipelineFromTemplate('recruiting', []);
    expect(stageOfPlace(recruiting, 'recruiting:offer')?.label).toBe('Offer');
    expect(stageOfPlace(recruiting, 'sales:offer')).toBeUndefined();
    expect(stageOfPlace(recruiting, 'recruiting:gone')).toBeUndefined();
  });
});

describe('edits', () => {
  const sales = pipelineFromTemplate('sales', []);
  const ids = (check: ReturnType<typeof addStage>) => (check.ok ? check.pipeline.stages.map((s) => s.id) : check.problems);

  it('adds a stage before the closed stages, with an id from its name that is not taken', () => {
    expect(ids(addStage(sales, 'Demo booked'))).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'demo-booked', 'won', 'lost']);
    expect(ids(addStage(sales, 'Lead!'))).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'lead-2', 'won', 'lost']);
    expect(addStage(sales, 'won')).toEqual({ ok: false, problems: ['Two stages are called “Won”.'] });
  });

  it('reorders within bounds, removes down to two stages and no further', () => {
    expect(ids(moveStage(sales, 'qualified', -1)).slice(0, 2)).toEqual(['qualified', 'lead']);
    expect(ids(moveStage(sales, 'lead', -1))).toEqual(sales.stages.map((s) => s.id));
    let pipeline: Pipeline = sales;
    for (const id of ['lead', 'qualified', 'proposal', 'negotiation']) {
      const check = removeStage(pipeline, id);
      if (!check.ok) throw new Error(check.problems.join());
      pipeline = check.pipeline;
    }
    expect(pipeline.stages.map((s) => s.id)).toEqual(['won', 'lost']);
    expect(removeStage(pipeline, 'won')).toEqual({ ok: false, problems: ['A pipeline needs at least 2 stages.'] });
  });

  it('renames the pipeline and a stage (its id, what rows store, stays) and marks outcomes', () => {
    const renamed = renameStage(sales, 'proposal', 'Quote sent');
    expect(renamed.ok && renamed.pipeline.stages[2]).toEqual({ id: 'proposal', label: 'Quote sent' });
    expect(renamePipeline(sales, '').ok).toBe(false);
    const open = setStageOutcome(sales, 'lost', undefined);
    expect(open.ok && open.pipeline.stages[5]).toEqual({ id: 'lost', label: 'Lost' });
  });
});
