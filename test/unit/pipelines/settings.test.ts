import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { pipelineFromTemplate } from '@/lib/pipelines';
import { onPipelinesChanged, PIPELINES_KEY, readPipelines, savePipelines } from '@/lib/settings/pipelines';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('pipeline settings', () => {
  it('are empty before anything is saved, and read back what was saved', async () => {
    expect(await readPipelines()).toEqual([]);
    const sales = pipelineFromTemplate('sales', []);
    await savePipelines([sales]);
    expect(await readPipelines()).toEqual([sales]);
  });

  it('drop a stored pipeline that no longer parses, keeping the others', async () => {
    const recruiting = pipelineFromTemplate('recruiting', []);
    await fakeBrowser.storage.local.set({ [PIPELINES_KEY]: [{ id: 'broken', stages: [] }, recruiting, recruiting] });
    expect(await readPipelines()).toEqual([recruiting]);
    await fakeBrowser.storage.local.set({ [PIPELINES_KEY]: 'garbage' });
    expect(await readPipelines()).toEqual([]);
  });

  it('refuse to save two pipelines with one id, or an invalid one', async () => {
    const sales = pipelineFromTemplate('sales', []);
    await expect(savePipelines([sales, sales])).rejects.toThrow('Two pipelines have the id “sales”.');
    await expect(savePipelines([{ ...sales, stages: sales.stages.slice(0, 1) }])).rejects.toThrow();
    expect(await readPipelines()).toEqual([]);
  });

  it('tell listeners about a change', async () => {
    const seen: string[][] = [];
    const stop = onPipelinesChanged((pipelines) => seen.push(pipelines.map((p) => p.id)));
    await savePipelines([pipelineFromTemplate('sales', [])]);
    stop();
    await savePipelines([]);
    expect(seen).toEqual([['sales']]);
  });
});
