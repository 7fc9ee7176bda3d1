/**
 * A long import or restore under way: what it is doing, a progress bar, what Cancel keeps, and
 * Cancel itself, which stops after the current batch (so it turns into "Cancelling…" at once).
 */
export function CancellableProgress({
  status,
  progressLabel,
  done,
  total,
  hint,
  cancelLabel,
  cancelling,
  onCancel,
  className,
}: {
  /** The status line while running, e.g. "Importing contacts: 2,000 of 10,000". */
  status: string;
  progressLabel: string;
  done: number;
  total: number;
  /** What Cancel keeps. */
  hint: string;
  cancelLabel: string;
  cancelling: boolean;
  onCancel: () => void;
  className?: string;
}) {
  return (
    <div className={className}>
      <p role="status">{cancelling ? 'Cancelling after the current batch…' : status}</p>
      <progress aria-label={progressLabel} max={Math.max(total, 1)} value={done} />
      <p className="hint">{hint}</p>
      <button type="button" disabled={cancelling} onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
