import { useState } from 'react';
import type { QuarantinedChange } from '@/lib/sync/client/quarantine';

/** "contacts.tags: More than 200 tags (the limit per contact)" → "more than 200 tags (the limit per contact)". */
export function reasonWords(reason: string): string {
  const field = /^[a-z]+\.[A-Za-z]+: (.+)$/s.exec(reason);
  const text = field ? field[1]! : reason;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

interface Props {
  changes: readonly QuarantinedChange[];
  onRetry(change: QuarantinedChange): Promise<void>;
  onDiscard(change: QuarantinedChange): Promise<void>;
}

/**
 * Changes the server refused (lib/sync/client/quarantine.ts), in the sync status: one line that
 * names the first, and a Review list with Retry (send it again, as the row holds it now) and
 * Discard (keep the row on this browser only). Names and reasons render as text.
 */
export function QuarantineNote({ changes, onRetry, onDiscard }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (changes.length === 0) return null;
  const first = changes[0]!;
  const more = changes.length > 1 ? ` and ${(changes.length - 1).toLocaleString()} more` : '';
  const act = async (change: QuarantinedChange, action: (change: QuarantinedChange) => Promise<void>) => {
    setBusy(`${change.table}:${change.id}`);
    setError(null);
    try {
      await action(change);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="sync-quarantine" role="group" aria-label="Changes not sent">
      <p className="sync-error">
        {changes.length === 1 ? '1 change could not be sent' : `${changes.length.toLocaleString()} changes could not be sent`}: {first.label} —{' '}
        {reasonWords(first.reason)}
        {more}.{' '}
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          Review
        </button>
      </p>
      {open ? (
        <ul className="sync-quarantine-list">
          {changes.map((change) => {
            const key = `${change.table}:${change.id}`;
            return (
              <li key={key}>
                <span>
                  {change.label} — {reasonWords(change.reason)}
                </span>{' '}
                <button type="button" disabled={busy === key} onClick={() => void act(change, onRetry)}>
                  Retry
                </button>{' '}
                <button type="button" disabled={busy === key} title="Keep this change on this browser only; it is not sent" onClick={() => void act(change, onDiscard)}>
                  Discard
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
