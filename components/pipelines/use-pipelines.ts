import { useEffect, useState } from 'react';
import type { Pipeline } from '@/lib/pipelines';
import { onPipelinesChanged, readPipelines } from '@/lib/settings/pipelines';

export type PipelinesState = { status: 'loading' } | { status: 'ready'; pipelines: Pipeline[] } | { status: 'error'; message: string };

/** The configured pipelines, kept current when the options page (or another window) changes them. */
export function usePipelines(): PipelinesState {
  const [state, setState] = useState<PipelinesState>({ status: 'loading' });
  useEffect(() => {
    let stale = false;
    const stop = onPipelinesChanged((pipelines) => setState({ status: 'ready', pipelines }));
    readPipelines()
      .then((pipelines) => {
        if (!stale) setState((current) => (current.status === 'ready' ? current : { status: 'ready', pipelines }));
      })
      .catch((error: unknown) => {
        if (!stale) setState({ status: 'error', message: `Could not read the pipelines: ${error instanceof Error ? error.message : String(error)}` });
      });
    return () => {
      stale = true;
      stop();
    };
  }, []);
  return state;
}
