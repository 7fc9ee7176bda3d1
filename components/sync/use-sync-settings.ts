import { useLiveQuery } from 'dexie-react-hooks';
import { crmDatabase } from '@/lib/db';
import { readSyncSettings, type SyncSettings } from '@/lib/sync/client/settings';

/** The saved sync settings, kept current when another page or the background changes them. null: sync is off. */
export function useSyncSettings(): SyncSettings | null | undefined {
  return useLiveQuery(async () => (await readSyncSettings(crmDatabase())) ?? null, []);
}
