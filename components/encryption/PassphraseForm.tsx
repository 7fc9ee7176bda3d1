import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { FailureAlert } from '../ui/FailureAlert';

export interface PassphraseFields {
  passphrase: string;
  newPassphrase: string;
}

/**
 * One form for every passphrase step: the current passphrase (to prove it), a new one typed
 * twice (to set it), or both. The answer's error is shown as it came (a wrong passphrase says so
 * and nothing was changed); the fields are cleared once the step is done.
 */
export function PassphraseForm({
  label,
  submit,
  busyLabel,
  current,
  choose,
  children,
  onSubmit,
  onCancel,
}: {
  label: string;
  submit: string;
  busyLabel: string;
  /** Ask for the passphrase in use. */
  current: boolean;
  /** Ask for a new passphrase, twice. */
  choose: boolean;
  children?: ReactNode;
  onSubmit: (fields: PassphraseFields) => Promise<string | undefined>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (choose && next !== again) {
      setFailure('The two new passphrases differ: type the same one twice.');
      return;
    }
    setBusy(true);
    setFailure('');
    const error = await onSubmit({ passphrase, newPassphrase: next });
    setBusy(false);
    if (error) {
      setFailure(error);
      return;
    }
    setPassphrase('');
    setNext('');
    setAgain('');
  }

  return (
    <form className="settings-form" aria-label={label} onSubmit={(event) => void send(event)}>
      {children}
      {current ? (
        <div className="setting">
          <label htmlFor={`${id}-current`}>{choose ? 'Current passphrase' : 'Passphrase'}</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} required />
        </div>
      ) : null}
      {choose ? (
        <>
          <div className="setting">
            <label htmlFor={`${id}-new`}>{current ? 'New passphrase' : 'Passphrase'}</label>
            <input id={`${id}-new`} type="password" autoComplete="new-password" minLength={12} value={next} onChange={(event) => setNext(event.target.value)} required />
            <p className="hint">At least 12 characters; a few unrelated words work well. Every member types it once per browser.</p>
          </div>
          <div className="setting">
            <label htmlFor={`${id}-again`}>{current ? 'New passphrase again' : 'Passphrase again'}</label>
            <input id={`${id}-again`} type="password" autoComplete="new-password" value={again} onChange={(event) => setAgain(event.target.value)} required />
          </div>
        </>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? busyLabel : submit}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
      </div>
      <FailureAlert text={failure} />
    </form>
  );
}
