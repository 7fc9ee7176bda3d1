/**
 * Configured pipelines, kept in storage.local like the value settings: they belong to this
 * browser profile. Reads are forgiving (a stored pipeline that no longer parses is dropped on its
 * own, never taking the others with it); saves are strict.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { Pipeline } from './model';

export const PIPELINES_KEY = 'settings:pipelines';

const PipelineList = z.array(Pipeline).superRefine((pipelines, ctx) => {
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

export async function readPipelines(): Promise<Pipeline[]> {
  const stored = await browser.storage.local.get(PIPELINES_KEY);
  return parseStoredPipelines(stored[PIPELINES_KEY]);
}

/** Saves the whole list; throws (nothing saved) if any pipeline is invalid or two share an id. */
export async function savePipelines(pipelines: readonly Pipeline[]): Promise<void> {
  await browser.storage.local.set({ [PIPELINES_KEY]: PipelineList.parse(pipelines) });
}

/** Calls back with the new list whenever it changes (options page, another window). */
export function onPipelinesChanged(callback: (pipelines: Pipeline[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && PIPELINES_KEY in changes) callback(parseStoredPipelines(changes[PIPELINES_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
