import { useState } from 'react';
import { crmDatabase } from '@/lib/db';
import type { Membership } from '@/lib/sync/client/membership';
import { signOutOfSync } from '@/lib/sync/client/sign-out';
import { FailureAlert } from '../ui/FailureAlert';

/**
 * "You were removed from <workspace>", with the two ways on: keep a local copy (stop syncing,
 * keep this browser's data, which is then a book of one) or remove (sign out and wipe it here;
 * the server's copy is the team's). Shown in the side panel and in Options.
 */
export function RemovedNotice({ membership }: { membership: Membership }) {
  const [confirmingWipe, setConfirmingWipe] = useState(false);
  const [failure, setFailure] = useState('');
  const name = membership.workspaceName || membership.workspace;

  async function leave(wipeLocalData: boolean) {
    try {
      await signOutOfSync(crmDatabase(), { wipeLocalData });
    } catch (error) {
      setFailure(`Could not stop syncing: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <section role="alert" aria-label="Removed from the team" className="team-removed">
      <p>
        <strong>You were removed from {name}.</strong> Sync has stopped; nothing you change here reaches the team.
      </p>
      {confirmingWipe ? (
        <div className="form-actions">
          <span>Remove this workspace’s contacts and history from this browser?</span>
          <button type="button" onClick={() => void leave(true)}>
            Yes, remove
          </button>
          <button type="button" className="secondary" onClick={() => setConfirmingWipe(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" onClick={() => void leave(false)}>
            Keep a local copy
          </button>
          <button type="button" className="secondary" onClick={() => setConfirmingWipe(true)}>
            Remove…
          </button>
        </div>
      )}
      <FailureAlert text={failure} />
    </section>
  );
}
