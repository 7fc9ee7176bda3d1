import { useLiveQuery } from 'dexie-react-hooks';
import { crmDatabase } from '@/lib/db';
import { sendToBackground } from '@/lib/messaging/send';
import { discardQuarantined, quarantinedChanges, retryQuarantined } from '@/lib/sync/client/quarantine';
import { QuarantineNote } from './QuarantineNote';
import { agoWords, pendingWords, progressWords } from './sync-words';
import { useSyncSettings } from './use-sync-settings';
import { useSyncStatus } from './use-sync-status';
import './sync.css';

export function requestSyncNow(): void {
  void sendToBackground({ type: 'sync-now' });
}

/**
 * One line in the side panel: when sync last succeeded, what is pending, progress during a long
 * sync, and the last error in plain words with what to do. Nothing when sync is not set up.
 */
export function SyncStatusLine() {
  const settings = useSyncSettings();
  const state = useSyncStatus();
  const quarantined = useLiveQuery(() => quarantinedChanges(crmDatabase()), []) ?? [];
  if (!settings || !state) return null;
  const { status, pending } = state;
  const progress = status?.state === 'syncing' ? status.progress : undefined;
  return (
    <section aria-label="Sync" className="sync-status">
      <p role="status" className="sync-line">
        {status?.state === 'syncing'
          ? progress
            ? progressWords(progress)
            : 'Syncing…'
          : status?.lastSyncedAt
            ? `Synced ${agoWords(status.lastSyncedAt)} · ${pendingWords(pending)}`
            : `Not synced yet · ${pendingWords(pending)}`}
      </p>
      {progress?.total ? <progress aria-label="Sync progress" max={progress.total} value={progress.done} /> : null}
      {status?.lastError && status.state !== 'syncing' ? (
        <p role="alert" className="sync-error">
          {status.lastError}
        </p>
      ) : null}
      <QuarantineNote
        changes={quarantined}
        onRetry={async (change) => {
          await retryQuarantined(crmDatabase(), change.table, change.id);
          requestSyncNow();
        }}
        onDiscard={(change) => discardQuarantined(crmDatabase(), change.table, change.id)}
      />
      {/* Never disabled: a "syncing" status can be stale (the worker was stopped mid-run), and a
          press during a real run only queues one more. */}
      <button type="button" className="link-button" onClick={requestSyncNow}>
        Sync now
      </button>
    </section>
  );
}
