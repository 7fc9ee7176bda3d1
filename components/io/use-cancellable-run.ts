import { useRef } from 'react';

/**
 * A long run (import, restore) that a Cancel button can stop: `run` hands the task an abort
 * signal for as long as it runs, `cancel` aborts the run in progress, if any.
 */
export function useCancellableRun() {
  const abort = useRef<AbortController | null>(null);

  async function run(task: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    abort.current = controller;
    try {
      await task(controller.signal);
    } finally {
      abort.current = null;
    }
  }

  return { run, cancel: () => abort.current?.abort() };
}
