/** The two pipelines that ship as templates. A pipeline is created from one and then edited freely. */
import { PIPELINE_ID_MAX, Pipeline, slugify, uniqueId, type PipelineInput } from './model';

export const PIPELINE_TEMPLATES = {
  sales: {
    id: 'sales',
    name: 'Sales',
    kind: 'deals',
    currency: 'USD',
    stages: [
      { id: 'lead', label: 'Lead' },
      { id: 'qualified', label: 'Qualified' },
      { id: 'proposal', label: 'Proposal' },
      { id: 'negotiation', label: 'Negotiation' },
      { id: 'won', label: 'Won', outcome: 'won' },
      { id: 'lost', label: 'Lost', outcome: 'lost' },
    ],
  },
  recruiting: {
    id: 'recruiting',
    name: 'Recruiting',
    kind: 'contacts',
    currency: 'USD',
    stages: [
      { id: 'sourced', label: 'Sourced' },
      { id: 'contacted', label: 'Contacted' },
      { id: 'screening', label: 'Screening' },
      { id: 'interviewing', label: 'Interviewing' },
      { id: 'offer', label: 'Offer' },
      { id: 'hired', label: 'Hired', outcome: 'won' },
      { id: 'rejected', label: 'Rejected', outcome: 'lost' },
    ],
  },
} as const satisfies Record<string, PipelineInput>;

export type PipelineTemplateId = keyof typeof PIPELINE_TEMPLATES;
export const PIPELINE_TEMPLATE_IDS = Object.keys(PIPELINE_TEMPLATES) as PipelineTemplateId[];

/**
 * A new pipeline from a template, with an id no existing pipeline has ("sales", then "sales-2"…)
 * and, when given, its own name.
 */
export function pipelineFromTemplate(template: PipelineTemplateId, existing: readonly Pick<Pipeline, 'id'>[], name?: string): Pipeline {
  const source = PIPELINE_TEMPLATES[template];
  const chosenName = name?.trim() || source.name;
  const base = chosenName === source.name ? source.id : slugify(chosenName, PIPELINE_ID_MAX, 'pipeline');
  const id = uniqueId(base, new Set(existing.map((pipeline) => pipeline.id)), PIPELINE_ID_MAX);
  return Pipeline.parse({ ...source, id, name: chosenName, stages: source.stages.map((stage) => ({ ...stage })) });
}
