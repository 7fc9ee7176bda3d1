import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { everyDays } from '@/lib/cadences';
import { MAX_CADENCE_DAYS } from '@/lib/model';
import { errorText } from '../ui/error-text';
import '../task/task.css';
import './cadences.css';

/** "30" → 30; anything but a whole number of days in range → the words saying what is wanted. */
export function parseCadenceDays(text: string): number | string {
  const trimmed = text.trim();
  const days = Number(trimmed);
  return /^\d+$/.test(trimmed) && days >= 1 && days <= MAX_CADENCE_DAYS ? days : `A whole number of days from 1 to ${MAX_CADENCE_DAYS}.`;
}

/**
 * A keep-in-touch cadence on one row (a saved segment, a contact): a button, the current one
 * beside it ("every 30 days", or "none"), and a small form it opens, Save or Turn off; Escape closes it and gives focus back. `subject` names the row in
 * every control's accessible name, so two rows' controls are never named alike.
 */
export function CadenceEditor(props: { subject: string; days: number | undefined; onSave: (days: number | undefined) => Promise<void> }) {
  const { subject, days, onSave } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  function close() {
    setOpen(false);
    setError(null);
    toggle.current?.focus();
  }

  async function save(next: number | undefined) {
    try {
      await onSave(next);
      close();
    } catch (failure) {
      setError(`Could not save the cadence: ${errorText(failure)}`);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseCadenceDays(text);
    if (typeof parsed === 'string') setError(parsed);
    else void save(parsed);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
    event.stopPropagation();
  }

  return (
    <div className="cadence-editor">
      <button
        ref={toggle}
        type="button"
        className="link-button"
        aria-label={`Keep-in-touch cadence for ${subject}`}
        aria-describedby={`${id}-now`}
        aria-expanded={open}
        aria-controls={open ? `${id}-form` : undefined}
        onClick={() => {
          if (open) close();
          else {
            setText(days === undefined ? '30' : String(days));
            setOpen(true);
          }
        }}
      >
        Keep-in-touch cadence
      </button>{' '}
      <span id={`${id}-now`} className="muted cadence-now">
        {days === undefined ? 'none' : everyDays(days)}
      </span>
      {open ? (
        <form id={`${id}-form`} className="snooze-group" aria-label={`Keep in touch with ${subject}`} noValidate onSubmit={submit} onKeyDown={onKeyDown}>
          <span className="snooze-custom">
            <label htmlFor={`${id}-days`}>Every (days)</label>
            <input
              id={`${id}-days`}
              inputMode="numeric"
              size={4}
              value={text}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(event) => {
                setText(event.target.value);
                setError(null);
              }}
            />
          </span>
          <button type="submit">Save cadence</button>
          {days !== undefined ? (
            <button type="button" onClick={() => void save(undefined)}>
              Turn off
            </button>
          ) : null}
          {error ? (
            <p id={`${id}-error`} className="error form-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
