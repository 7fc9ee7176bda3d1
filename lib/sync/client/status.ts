/**
 * What the side panel and options page show about sync, kept in `meta` by the background so
 * extension pages read it with a live query: state, last success, pending changes (the outbox),
 * progress of a long first sync, and the last error in plain words.
 */
import type { CrmDatabase } from '../../db/database';
import type { SyncProgress } from './engine';

export const SYNC_STATUS_KEY = 'sync:status';

export interface SyncStatus {
  state: 'syncing' | 'idle' | 'error' | 'stopped';
  lastSyncedAt?: number;
  lastError?: string;
  lastErrorAt?: number;
  progress?: SyncProgress;
  /** Changes the server refused in the last run (bad data: dropped from the outbox). */
  rejected?: number;
  /** Pulled rows of an encrypted workspace set aside because they did not decrypt (./undecryptable.ts). */
  undecryptable?: number;
}

/**
 * A pull of many pages is being applied now: extension pages hold their live queries (answering
 * each new question once) until it ends, then refresh once (components/sync/use-held-live-query.ts).
 */
export function bulkApplyRunning(status: SyncStatus | undefined): boolean {
  return status?.state === 'syncing' && status.progress?.phase === 'pull' && status.progress.bulk === true;
}

export async function readSyncStatus(db: CrmDatabase): Promise<SyncStatus | undefined> {
  return (await db.meta.get(SYNC_STATUS_KEY))?.value as SyncStatus | undefined;
}

export async function updateSyncStatus(db: CrmDatabase, patch: Partial<SyncStatus>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const current = (await readSyncStatus(db)) ?? { state: 'idle' };
    const next: SyncStatus = { ...current, ...patch };
    for (const key of Object.keys(patch) as Array<keyof SyncStatus>) if (patch[key] === undefined) delete next[key];
    await db.meta.put({ key: SYNC_STATUS_KEY, value: next });
  });
}

/** Sign-out forgets the status with the settings. */
export async function clearSyncStatus(db: CrmDatabase): Promise<void> {
  await db.meta.delete(SYNC_STATUS_KEY);
}
