/**
 * Hears that some tables were written, without reading anything: Dexie's `storagemutated` event
 * fires after every committed write in this context and for the writes other extension pages
 * relay to it. A liveQuery used only to hear of changes re-runs its query on every write
 * instead; the reminders' `interactions.count()` walked every interaction's key after each
 * transaction (at 1,000,000 interactions, seconds of IndexedDB's time per write, over and over
 * during a first sync).
 */
import Dexie, { type ObservabilitySet } from 'dexie';

/** Calls `listener` after each committed write to any of `tables`; returns the unsubscribe. */
export function onTablesWritten(databaseName: string, tables: readonly string[], listener: () => void): () => void {
  // Part names are `idb://<database>/<table>/<index>`; `all` (a page back from the cache) means anything.
  const prefixes = tables.map((table) => `idb://${databaseName}/${table}/`);
  const heard = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => part === 'all' || prefixes.some((prefix) => part.startsWith(prefix)))) listener();
  };
  Dexie.on('storagemutated', heard);
  return () => Dexie.on('storagemutated').unsubscribe(heard);
}

/**
 * `run` once writes have been quiet for `quietMs`, and at the latest `maxWaitMs` after the first
 * unanswered call: a burst (a sync's thousand transactions) costs one run every `maxWaitMs`, not
 * one per write.
 */
export function settledTrigger(run: () => void, quietMs: number, maxWaitMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt: number | undefined;
  const fire = () => {
    timer = undefined;
    firstAt = undefined;
    run();
  };
  return () => {
    const now = performance.now(); // not Date: a clock set forward must not fire it early
    firstAt ??= now;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(fire, Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - now)));
  };
}
