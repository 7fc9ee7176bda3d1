import { useLiveQuery } from 'dexie-react-hooks';
import { crmDatabase } from '@/lib/db';
import { pendingChangeCount } from '@/lib/db/queries/sync-status';
import { readSyncStatus, type SyncStatus } from '@/lib/sync/client/status';

export interface SyncState {
  status: SyncStatus | undefined;
  /** Rows with changes not yet confirmed by the server. */
  pending: number;
}

export function useSyncStatus(): SyncState | undefined {
  return useLiveQuery(async () => {
    const db = crmDatabase();
    const [status, pending] = await Promise.all([readSyncStatus(db), pendingChangeCount(db)]);
    return { status, pending };
  }, []);
}
