/**
 * Whether the background is applying a many-page pull (a first sync), read from the sync status
 * row once for the whole page however many hooks ask: one live query, opened with the first
 * listener and closed with the last, so a page with nothing mounted watches nothing.
 *
 * The answer is a number: 0 when nothing is held, else a version that moves whenever a change is
 * made in this browser meanwhile (it adds to the outbox, which pulled rows never do), so a note
 * added or a field edited during a long first sync shows at once instead of at the end.
 */
import { liveQuery, type Subscription } from 'dexie';
import { useSyncExternalStore } from 'react';
import { crmDatabase } from '@/lib/db';
import { pendingChangeCount } from '@/lib/db/queries/sync-status';
import { bulkApplyRunning, readSyncStatus } from '@/lib/sync/client/status';

const listeners = new Set<() => void>();
let hold = 0;
let pending = -1;
let watch: Subscription | undefined;

function setHold(next: number): void {
  if (next === hold) return;
  hold = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  watch ??= liveQuery(async () => {
    const db = crmDatabase();
    const [status, count] = await Promise.all([readSyncStatus(db), pendingChangeCount(db)]);
    return { running: bulkApplyRunning(status), count };
  }).subscribe({
    next: ({ running, count }) => {
      const edited = pending !== -1 && count !== pending;
      pending = count;
      setHold(!running ? 0 : hold === 0 ? 1 : edited ? hold + 1 : hold);
    },
    // Unreadable status: nothing is held, the queries stay live as they were before sync existed.
    error: () => setHold(0),
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    watch?.unsubscribe();
    watch = undefined;
    hold = 0;
    pending = -1;
  };
}

/** 0: live queries run live. Otherwise held, the number moving with each change made here. */
export function useBulkApplyHold(): number {
  return useSyncExternalStore(subscribe, () => hold);
}
