import { FailureAlert } from './FailureAlert';

/**
 * The line under an editable section: what the last change was, with Undo, and below it what
 * failed, in words. The status line is always present so screen readers announce new text.
 */
export function UndoStatus(props: {
  change: { text: string; undoLabel: string } | null;
  onUndo: () => void;
  failure: string | null;
}) {
  const { change, onUndo, failure } = props;
  return (
    <>
      <div className="profile-undo" role="status">
        {change ? (
          <>
            <span>{change.text}</span>
            <button type="button" className="link-button" aria-label={change.undoLabel} onClick={onUndo}>
              Undo
            </button>
          </>
        ) : null}
      </div>
      <FailureAlert text={failure} />
    </>
  );
}
