import { useId, useState, type FormEvent } from 'react';
import { sendToBackground } from '@/lib/messaging/send';
import { FailureAlert } from '../ui/FailureAlert';

/**
 * A locked browser's way in: the workspace passphrase, or the recovery key printed when the key
 * was made. A wrong one says so; nothing is stored until one opens the key.
 */
export function UnlockForm({ onUnlocked }: { onUnlocked: (note?: string) => void }) {
  const id = useId();
  const [useRecovery, setUseRecovery] = useState(false);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  async function unlock(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure('');
    const answer = await sendToBackground(useRecovery ? { type: 'encryption:unlock', recoveryKey: secret } : { type: 'encryption:unlock', passphrase: secret });
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.error);
      return;
    }
    setSecret('');
    onUnlocked(answer.note);
  }

  return (
    <form className="settings-form" aria-label="Unlock this workspace" onSubmit={(event) => void unlock(event)}>
      <p>
        This workspace is end-to-end encrypted. Enter its passphrase to read and sync it in this browser; nothing syncs until then. Ask the owner who
        turned encryption on if you do not have it.
      </p>
      <div className="setting">
        <label htmlFor={`${id}-secret`}>{useRecovery ? 'Recovery key' : 'Workspace passphrase'}</label>
        <input
          id={`${id}-secret`}
          type={useRecovery ? 'text' : 'password'}
          autoComplete={useRecovery ? 'off' : 'current-password'}
          spellCheck={false}
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          required
        />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        <button type="button" className="link-button" onClick={() => setUseRecovery(!useRecovery)}>
          {useRecovery ? 'Use the passphrase instead' : 'Use the recovery key instead'}
        </button>
      </div>
      <FailureAlert text={failure} />
    </form>
  );
}
