/**
 * Configured pipelines, kept in storage.local like the value settings: they belong to this
 * browser profile. How the stored list is parsed and validated is lib/pipelines/pipeline-list.ts.
 */
import { browser } from 'wxt/browser';
import type { Pipeline } from '../pipelines/model';
import { parseStoredPipelines, PipelineList } from '../pipelines/pipeline-list';

export const PIPELINES_KEY = 'settings:pipelines';

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
