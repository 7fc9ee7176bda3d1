/**
 * Long reads that keep the thread answering: work runs in short stretches, and after each one that
 * used up its budget the caller waits for the next task, so input and painting (on the panel's
 * thread) get their turn. 50 ms is where a task becomes a stall users feel; the budget stays well below.
 */

/** Milliseconds of work between two yields. */
const BUDGET_MS = 12;

interface TaskScheduler {
  yield(): Promise<void>;
}

/**
 * The next task: scheduler.yield where the browser has it (it resumes ahead of other queued work),
 * else a timeout. Wrapped in Promise.resolve, as Dexie asks of non-Dexie promises awaited inside a
 * live query (the Tasks view reads through one), so it keeps watching what is read afterwards.
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  return Promise.resolve(typeof scheduler?.yield === 'function' ? scheduler.yield() : new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

export interface ThreadBudget {
  /** Yields when this stretch of work has used its budget; call it between small steps. */
  pause(): Promise<void>;
}

export function threadBudget(budgetMs = BUDGET_MS): ThreadBudget {
  let since = performance.now();
  return {
    async pause() {
      if (performance.now() - since < budgetMs) return;
      await nextTask();
      since = performance.now();
    },
  };
}

/** Runs `step` on each item, pausing between slices of `slice` items. */
export async function forEachSliced<T>(items: readonly T[], step: (item: T) => void, budget: ThreadBudget, slice = 1_000): Promise<void> {
  for (let start = 0; start < items.length; start += slice) {
    const end = Math.min(start + slice, items.length);
    for (let index = start; index < end; index += 1) step(items[index]!);
    await budget.pause();
  }
}
