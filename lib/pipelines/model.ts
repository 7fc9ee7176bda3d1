/**
 * Pipelines: ordered stages a contact (recruiting) or a deal (sales) moves through. A pipeline is
 * configuration, kept per browser profile in storage.local (see settings.ts); where a row sits is
 * one string on the row itself, `<pipelineId>:<stageId>` (a contact's `pipelineStage`, a deal's
 * `stage`), so it syncs like any other field and no new synced field is needed.
 */
import { z } from 'zod';

/** Ids are short slugs: together with ':' they fit the 80 characters a row's place may hold. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const PIPELINE_ID_MAX = 40;
export const STAGE_ID_MAX = 30;
export const MIN_STAGES = 2;
export const MAX_STAGES = 20;

export const PipelineKind = z.enum(['deals', 'contacts']);
export type PipelineKind = z.infer<typeof PipelineKind>;

export const PipelineStage = z.object({
  id: z.string().max(STAGE_ID_MAX).regex(SLUG, 'A stage id is lower-case letters, digits and dashes.'),
  label: z.string().trim().min(1, 'A stage needs a name.').max(60, 'Keep stage names under 60 characters.'),
  /** A closed stage: a deal moved here is won or lost; a candidate moved here is hired or rejected. */
  outcome: z.enum(['won', 'lost']).optional(),
});
export type PipelineStage = z.infer<typeof PipelineStage>;

export const Pipeline = z
  .object({
    id: z.string().max(PIPELINE_ID_MAX).regex(SLUG, 'A pipeline id is lower-case letters, digits and dashes.'),
    name: z.string().trim().min(1, 'A pipeline needs a name.').max(80, 'Keep the name under 80 characters.'),
    kind: PipelineKind,
    /** Deal pipelines add up deal amounts in this currency (other currencies are counted apart). */
    currency: z.string().regex(/^[A-Z]{3}$/, 'A currency is a three-letter code, like EUR.').default('USD'),
    stages: z
      .array(PipelineStage)
      .min(MIN_STAGES, `A pipeline needs at least ${MIN_STAGES} stages.`)
      .max(MAX_STAGES, `Keep a pipeline under ${MAX_STAGES + 1} stages.`),
  })
  .superRefine((pipeline, ctx) => {
    const seenIds = new Set<string>();
    const seenLabels = new Set<string>();
    pipeline.stages.forEach((stage, index) => {
      if (seenIds.has(stage.id)) ctx.addIssue({ code: 'custom', path: ['stages', index, 'id'], message: `Two stages have the id “${stage.id}”.` });
      seenIds.add(stage.id);
      const label = stage.label.trim().toLowerCase();
      // Two columns with one name could not be told apart on the board or in History.
      if (seenLabels.has(label)) ctx.addIssue({ code: 'custom', path: ['stages', index, 'label'], message: `Two stages are called “${stage.label.trim()}”.` });
      seenLabels.add(label);
    });
  });
export type Pipeline = z.infer<typeof Pipeline>;
export type PipelineInput = z.input<typeof Pipeline>;

export type PipelineCheck = { ok: true; pipeline: Pipeline } | { ok: false; problems: string[] };

/** A pipeline as the user edited it, or the problems in plain words (first one per place). */
export function validatePipeline(input: unknown): PipelineCheck {
  const parsed = Pipeline.safeParse(input);
  if (parsed.success) return { ok: true, pipeline: parsed.data };
  return { ok: false, problems: [...new Set(parsed.error.issues.map((issue) => issue.message))] };
}

/** Where a row sits: `<pipelineId>:<stageId>`. */
export function placeKey(pipelineId: string, stageId: string): string {
  return `${pipelineId}:${stageId}`;
}

/** The pipeline and stage of a stored place, or undefined for anything else (a lifecycle word, say). */
export function parsePlace(place: string | undefined): { pipelineId: string; stageId: string } | undefined {
  if (!place) return undefined;
  const colon = place.indexOf(':');
  if (colon <= 0) return undefined;
  const pipelineId = place.slice(0, colon);
  const stageId = place.slice(colon + 1);
  return SLUG.test(pipelineId) && SLUG.test(stageId) ? { pipelineId, stageId } : undefined;
}

/** The stage of `pipeline` a stored place points at, if it is in this pipeline and the stage still exists. */
export function stageOfPlace(pipeline: Pipeline, place: string | undefined): PipelineStage | undefined {
  const parsed = parsePlace(place);
  if (!parsed || parsed.pipelineId !== pipeline.id) return undefined;
  return pipeline.stages.find((stage) => stage.id === parsed.stageId);
}

/** Lower-case slug of a label, for a new stage or pipeline id ("Phone screen" → "phone-screen"). */
export function slugify(label: string, max: number, fallback = 'stage'): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** `base`, or `base-2`, `base-3`… whichever is not taken, within `max` characters. */
export function uniqueId(base: string, taken: ReadonlySet<string>, max: number): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, max - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
