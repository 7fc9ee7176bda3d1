/**
 * Whether the background is applying a many-page pull (a first sync), read from the sync status
 * row once for the whole page however many hooks ask: one live query, opened with the first
 * listener and closed with the last, so a page with nothing mounted watches nothing.
 */
import { liveQuery, type Subscription } from 'dexie';
import { useSyncExternalStore } from 'react';
import { crmDatabase } from '@/lib/db';
import { bulkApplyRunning, readSyncStatus } from '@/lib/sync/client/status';

const listeners = new Set<() => void>();
let running = false;
let watch: Subscription | undefined;

function setRunning(next: boolean): void {
  if (next === running) return;
  running = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  watch ??= liveQuery(() => readSyncStatus(crmDatabase())).subscribe({
    next: (status) => setRunning(bulkApplyRunning(status)),
    // Unreadable status: nothing is held, the queries stay live as they were before sync existed.
    error: () => setRunning(false),
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    watch?.unsubscribe();
    watch = undefined;
    running = false;
  };
}

export function useBulkApplyRunning(): boolean {
  return useSyncExternalStore(subscribe, () => running);
}
