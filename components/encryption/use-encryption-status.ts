import { useCallback, useEffect, useState } from 'react';
import { sendToBackground } from '@/lib/messaging/send';
import type { EncryptionStatus } from '@/lib/sync/client/encryption-actions';
import { useSyncStatus } from '../sync/use-sync-status';

/**
 * The workspace's encryption as the background sees it: asked on mount, after every sync run
 * (another member may have turned it on, rotated or turned it off) and after each action here.
 */
export function useEncryptionStatus(): { status: EncryptionStatus | undefined; error: string; reload: () => void } {
  const [status, setStatus] = useState<EncryptionStatus>();
  const [error, setError] = useState('');
  const [asked, setAsked] = useState(0);
  const sync = useSyncStatus();
  const lastSynced = sync?.status?.lastSyncedAt;
  const syncState = sync?.status?.state;
  useEffect(() => {
    let live = true;
    void sendToBackground({ type: 'encryption:status' }).then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setStatus(answer.status);
        setError('');
      } else setError(answer.error);
    });
    return () => {
      live = false;
    };
  }, [asked, lastSynced, syncState]);
  const reload = useCallback(() => setAsked((count) => count + 1), []);
  return { status, error, reload };
}
