import { useState } from 'react';
import { crmDatabase, eraseContact } from '@/lib/db';
import { requestSyncNow } from '../sync/SyncStatusLine';
import { FailureAlert } from '../ui/FailureAlert';

/**
 * "Erase everywhere": for a person who asks to be forgotten. Unlike Delete (the trash, undoable),
 * this removes them and their whole history from this browser and, through sync, from every
 * browser and the server. Asks for confirmation, says what it removed, then leaves the profile.
 */
export function EraseContact({ contactId, name, onErased }: { contactId: string; name: string; onErased: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function erase() {
    try {
      await eraseContact(crmDatabase(), contactId);
      requestSyncNow();
      onErased();
    } catch (error) {
      setFailure(`Nothing was erased: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <section aria-label="Erase" className="profile-block">
      {confirming ? (
        <div role="group" aria-label={`Erase ${name}`}>
          <p>
            Erase {name} and their whole history, deals and follow-ups from this browser and, if you sync, from every browser and the server? This cannot be undone.
          </p>
          <div className="form-actions">
            <button type="button" className="danger" onClick={() => void erase()}>
              Erase {name}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="link-button" onClick={() => setConfirming(true)}>
          Erase everywhere…
        </button>
      )}
      <FailureAlert text={failure} />
    </section>
  );
}
