import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { crmDatabase } from '@/lib/db';
import { syncOnce } from '@/lib/sync/client/engine';
import { SyncScheduler } from '@/lib/sync/client/scheduler';
import { readSyncSettings, SYNC_SETTINGS_KEY } from '@/lib/sync/client/settings';
import { readSyncStatus, updateSyncStatus } from '@/lib/sync/client/status';
import { SyncError } from '@/lib/sync/client/transport';
import { finishEncryptedRun, prepareEncryptedRun } from '@/lib/sync/client/encrypted-sync';
import { markRemoved, refreshMembership, removedError } from '@/lib/sync/client/membership-refresh';
import { teamTransport } from '@/lib/sync/client/team-transport';
import { publishTiersIfDue } from '@/lib/sync/client/tier-publishing';
import { readerOpenNow } from './reader-views';

export const SYNC_ALARM = 'sync-tick';
const TICK_MINUTES = 1;

let scheduler: SyncScheduler | undefined;

/** One run: whatever the settings say now (none: sync is off, nothing to do). */
async function runSync(): Promise<void> {
  const settings = await readSyncSettings();
  if (!settings) return;
  const db = crmDatabase();
  await updateSyncStatus(db, { state: 'syncing', progress: undefined });
  try {
    // Who this browser is in the team first: a role changed to viewer is known before anything is pushed.
    await refreshMembership(db, teamTransport(settings), settings.workspace);
    // Then whether the workspace is encrypted and unlocked here: a locked browser sends nothing.
    const encrypted = await prepareEncryptedRun(db, settings);
    const run = await syncOnce(db, encrypted.transport, settings, {
      onProgress: (progress) => void updateSyncStatus(db, { progress }),
      readerOpen: readerOpenNow,
    }).catch(async (error: unknown) => {
      // Removed between the refresh and the push or pull: the 404 says so as surely as the list.
      if (error instanceof SyncError && error.kind === 'workspace') {
        const removed = await markRemoved(db, settings.workspace, Date.now());
        if (removed) throw removedError(removed);
      }
      throw error;
    });
    const after = await finishEncryptedRun(db, encrypted, (position) => void updateSyncStatus(db, { progress: { phase: 'rewrite', done: position.rewritten } }));
    // The tiers address books are served (issue 20); what changed is pushed by the next run.
    await publishTiersIfDue(db, settings.workspace, encrypted.state.mode);
    await updateSyncStatus(db, {
      state: 'idle',
      lastSyncedAt: Date.now(),
      lastError: undefined,
      lastErrorAt: undefined,
      progress: undefined,
      rejected: run.rejected.length || undefined,
      undecryptable: after.undecryptable || undefined,
    });
    if (run.rejected.length) console.warn(`[sidebar-crm] the sync server refused ${run.rejected.length} change(s)`, run.rejected.slice(0, 5));
  } catch (error) {
    const message = error instanceof SyncError ? error.message : 'Sync failed unexpectedly; it retries by itself.';
    const stopped = error instanceof SyncError && (error.kind === 'auth' || error.kind === 'workspace' || error.kind === 'locked');
    await updateSyncStatus(db, { state: stopped ? 'stopped' : 'error', lastError: message, lastErrorAt: Date.now(), progress: undefined });
    // Never the token: SyncError messages do not carry it, and other errors are logged by name.
    console.warn('[sidebar-crm] sync failed:', error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error');
    throw error;
  }
}

export function syncScheduler(): SyncScheduler {
  scheduler ??= new SyncScheduler({
    run: runSync,
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
    random: () => Math.random(),
  });
  return scheduler;
}

/**
 * Sync triggers: a local change (the outbox grew, debounced), a periodic alarm (it survives the
 * service worker being stopped), the worker's start (browser start included), coming back
 * online, and new settings. The engine saves its progress as it goes, so a worker stopped
 * mid-sync resumes at the next of these.
 */
export function startSync(): void {
  const sync = syncScheduler();
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: TICK_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) sync.tick();
  });
  globalThis.addEventListener?.('online', () => sync.now());
  // New settings (signed in, another workspace): the row in IndexedDB, followed like the outbox.
  let seenSettings: string | undefined;
  liveQuery(() => crmDatabase().meta.get(SYNC_SETTINGS_KEY)).subscribe({
    next: (row) => {
      const now = JSON.stringify(row?.value ?? null);
      if (seenSettings !== undefined && now !== seenSettings) sync.resume();
      seenSettings = now;
    },
    error: (error: unknown) => console.warn('[sidebar-crm] cannot watch the sync settings', error),
  });
  let lastCount = -1;
  liveQuery(() => crmDatabase().outbox.count()).subscribe({
    next: (count) => {
      if (count > lastCount && lastCount !== -1) sync.changed();
      lastCount = count;
    },
    error: (error: unknown) => console.warn('[sidebar-crm] cannot watch the outbox', error),
  });
  // A worker stopped mid-run left "syncing" behind: say what happened; the run below resumes it.
  void readSyncStatus(crmDatabase())
    .then((status) => (status?.state === 'syncing' ? updateSyncStatus(crmDatabase(), { state: 'idle', progress: undefined }) : undefined))
    .finally(() => sync.now());
}
