/**
 * The list of configured pipelines, as stored: reading is forgiving (a stored pipeline that no
 * longer parses is dropped on its own, never taking the others with it); saving is strict. Pure;
 * lib/settings/pipelines.ts keeps the list in storage.local.
 */
import { z } from 'zod';
import { Pipeline } from './model';

/** A list fit to save: every pipeline valid, no two sharing an id. */
export const PipelineList = z.array(Pipeline).superRefine((pipelines, ctx) => {
  const seen = new Set<string>();
  for (const pipeline of pipelines) {
    if (seen.has(pipeline.id)) ctx.addIssue({ code: 'custom', message: `Two pipelines have the id “${pipeline.id}”.` });
    seen.add(pipeline.id);
  }
});

/** Pipelines from whatever was stored (possibly nothing, possibly garbage). */
export function parseStoredPipelines(stored: unknown): Pipeline[] {
  if (!Array.isArray(stored)) return [];
  const pipelines: Pipeline[] = [];
  const seen = new Set<string>();
  for (const item of stored) {
    const parsed = Pipeline.safeParse(item);
    if (parsed.success && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      pipelines.push(parsed.data);
    }
  }
  return pipelines;
}
