import { useState } from 'react';
import { sendToBackground } from '@/lib/messaging/send';
import type { EncryptionStatus } from '@/lib/sync/client/encryption-actions';
import { FailureAlert } from '../ui/FailureAlert';
import { PassphraseForm } from './PassphraseForm';
import { RecoveryKeyNotice } from './RecoveryKeyNotice';
import { UnlockForm } from './UnlockForm';
import { useEncryptionStatus } from './use-encryption-status';
import './encryption.css';

type Step = 'none' | 'change' | 'rotate' | 'disable';

/**
 * Options → Sync → End-to-end encryption (issue 19): off, on, locked in this browser, or being
 * turned off; the owner's steps (turn on, change the passphrase, rotate the key, turn off) and
 * everyone's (unlock, lock). What the server still learns is said where the choice is made.
 */
export function EncryptionSection({ workspace }: { workspace: string }) {
  const { status, error, reload } = useEncryptionStatus();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [note, setNote] = useState('');
  return (
    <section aria-labelledby="encryption-heading" className="encryption-settings">
      <h3 id="encryption-heading">End-to-end encryption</h3>
      {recoveryKey ? <RecoveryKeyNotice recoveryKey={recoveryKey} workspace={workspace} onSaved={() => setRecoveryKey('')} /> : null}
      {note ? <p role="status">{note}</p> : null}
      {status ? (
        <EncryptionBody
          status={status}
          reload={() => {
            setNote('');
            reload();
          }}
          onUnlocked={(text) => {
            setNote(text ?? '');
            reload();
          }}
          onRecoveryKey={setRecoveryKey}
        />
      ) : (
        <FailureAlert text={error} />
      )}
    </section>
  );
}

const SERVER_LEARNS =
  'The server still sees which rows and fields change and when, by which member, how large values are, and who may see a private interaction; never the values.';

function EncryptionBody({
  status,
  reload,
  onUnlocked,
  onRecoveryKey,
}: {
  status: EncryptionStatus;
  reload: () => void;
  onUnlocked: (note?: string) => void;
  onRecoveryKey: (key: string) => void;
}) {
  if (status.locked) return <UnlockForm onUnlocked={onUnlocked} />;
  // Turned off and every value plain again: off (the retired keys stay on the server as proof).
  if (status.mode === 'plain' || (status.mode === 'decrypting' && status.rewrite?.done)) return <TurnOn status={status} reload={reload} onRecoveryKey={onRecoveryKey} />;
  if (status.mode === 'decrypting') {
    return (
      <p role="status">
        Being turned off: values are written plain again{status.rewrite ? ` (${status.rewrite.rewritten.toLocaleString()} so far)` : ''}.
      </p>
    );
  }
  return <EncryptedOn status={status} reload={reload} onRecoveryKey={onRecoveryKey} />;
}

function TurnOn({ status, reload, onRecoveryKey }: { status: EncryptionStatus; reload: () => void; onRecoveryKey: (key: string) => void }) {
  const [understood, setUnderstood] = useState(false);
  if (!status.isOwner) return <p>Off. Only an owner of this workspace can turn it on.</p>;
  return (
    <PassphraseForm
      label="Turn on end-to-end encryption"
      submit="Turn on encryption"
      busyLabel="Making the key…"
      current={false}
      choose
      onSubmit={async ({ newPassphrase }) => {
        if (!understood) return 'Tick the box first: once encrypted, only the passphrase or the recovery key reads the server’s copy.';
        const answer = await sendToBackground({ type: 'encryption:enable', passphrase: newPassphrase });
        if (!answer.ok) return answer.error;
        onRecoveryKey(answer.recoveryKey);
        reload();
        return undefined;
      }}
    >
      <p>
        Off: the server can read what it stores. Turned on, every value is encrypted in the browser before it leaves, with a key only the passphrase (or
        the recovery key) opens; what the server already holds is rewritten as ciphertext. {SERVER_LEARNS} Server features that need to read values (the
        Changes view’s values, contacts for phones over CardDAV) are unavailable for an encrypted workspace.
      </p>
      <label className="encryption-warning">
        <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} /> I understand: if every member forgets the
        passphrase and the recovery key is lost, nobody (not the server’s operator, not Sidebar CRM) can read the server’s copy again.
      </label>
    </PassphraseForm>
  );
}

function EncryptedOn({ status, reload, onRecoveryKey }: { status: EncryptionStatus; reload: () => void; onRecoveryKey: (key: string) => void }) {
  const [step, setStep] = useState<Step>('none');
  const [failure, setFailure] = useState('');
  const [done, setDone] = useState('');
  const rewriting = status.rewrite && !status.rewrite.done;
  const close = (message: string) => {
    setStep('none');
    setDone(message);
    reload();
  };
  return (
    <>
      <p>
        On. Values are encrypted in this browser before they leave it (key <code>{status.currentKeyId}</code>, unlocked here). {SERVER_LEARNS}
      </p>
      {rewriting ? <p role="status">Encrypting what the server already holds: {status.rewrite!.rewritten.toLocaleString()} values so far.</p> : null}
      {status.undecryptable > 0 ? (
        <p role="alert" className="error">
          {status.undecryptable === 1 ? '1 row' : `${status.undecryptable.toLocaleString()} rows`} from the server did not decrypt (changed on the server, or
          sealed with a key this browser lacks) and were set aside, not applied. A newer version of a row that opens replaces it.{' '}
          <button
            type="button"
            className="link-button"
            onClick={async () => {
              const answer = await sendToBackground({ type: 'encryption:discard-undecryptable' });
              if (answer.ok) close('Set-aside rows forgotten: this browser keeps what it had of them.');
              else setFailure(answer.error);
            }}
          >
            Discard them
          </button>
        </p>
      ) : null}
      {status.rotateSuggested && status.isOwner ? (
        <p role="status" className="encryption-warning">
          A member was removed. They knew the passphrase: rotate the key (with a new passphrase) so they cannot read what is written from now on.
        </p>
      ) : null}
      {step === 'change' ? (
        <PassphraseForm label="Change the passphrase" submit="Change passphrase" busyLabel="Wrapping the key again…" current choose onCancel={() => setStep('none')}
          onSubmit={async ({ passphrase, newPassphrase }) => {
            const answer = await sendToBackground({ type: 'encryption:change-passphrase', passphrase, newPassphrase });
            if (!answer.ok) return answer.error;
            close('Passphrase changed. Tell every member the new one; browsers already unlocked stay unlocked.');
            return undefined;
          }}
        />
      ) : null}
      {step === 'rotate' ? (
        <PassphraseForm label="Rotate the key" submit="Rotate key" busyLabel="Making the new key…" current choose onCancel={() => setStep('none')}
          onSubmit={async ({ passphrase, newPassphrase }) => {
            const answer = await sendToBackground({ type: 'encryption:rotate', passphrase, newPassphrase });
            if (!answer.ok) return answer.error;
            onRecoveryKey(answer.recoveryKey);
            close('New key made. Every row is being encrypted again with it; give the remaining members the new passphrase.');
            return undefined;
          }}
        >
          <p>A new key and a new passphrase: every row is encrypted again with the new key, in batches, and the old key is retired.</p>
        </PassphraseForm>
      ) : null}
      {step === 'disable' ? (
        <PassphraseForm label="Turn off end-to-end encryption" submit="Turn off encryption" busyLabel="Turning off…" current choose={false} onCancel={() => setStep('none')}
          onSubmit={async ({ passphrase }) => {
            const answer = await sendToBackground({ type: 'encryption:disable', passphrase });
            if (!answer.ok) return answer.error;
            close('Turning off: every value is being written plain again.');
            return undefined;
          }}
        >
          <p className="encryption-warning">Turning it off writes every value back to the server in plain text: its operator can read them again.</p>
        </PassphraseForm>
      ) : null}
      {step === 'none' ? (
        <div className="form-actions">
          {status.isOwner ? (
            <>
              <button type="button" onClick={() => setStep('change')}>
                Change passphrase…
              </button>
              <button type="button" onClick={() => setStep('rotate')}>
                Rotate key…
              </button>
              <button type="button" onClick={() => setStep('disable')}>
                Turn off…
              </button>
            </>
          ) : null}
          <button
            type="button"
            onClick={async () => {
              const answer = await sendToBackground({ type: 'encryption:lock' });
              if (answer.ok) close('Locked: this browser forgot the key and stops syncing until the passphrase is entered.');
              else setFailure(answer.error);
            }}
          >
            Lock this browser
          </button>
        </div>
      ) : null}
      {done ? <p role="status">{done}</p> : null}
      <FailureAlert text={failure} />
    </>
  );
}
