import type { NotFittedNote } from './not-fitted';

/**
 * The not-fitted note: one plain line, and the model's diagnostic behind a native Details
 * disclosure (keyboard-operable and announced as a disclosure by screen readers without help).
 */
export function NotFitted({ note, after, muted = false }: { note: NotFittedNote; after?: string; muted?: boolean }) {
  const tone = muted ? 'muted' : undefined;
  return (
    <div className="tier-note">
      <p className={tone}>
        {note.text}
        {after ? ` ${after}` : ''}
      </p>
      {note.details ? (
        <details className="tier-details">
          <summary>Details</summary>
          <p className={tone}>{note.details}</p>
        </details>
      ) : null}
    </div>
  );
}
