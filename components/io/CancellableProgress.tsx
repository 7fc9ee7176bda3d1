import { useState } from 'react';

/**
 * A long import or restore under way: what it is doing, a progress bar, what Cancel keeps, and
 * Cancel itself; the run stops after the current batch, so the line says "Cancelling…" until
 * then. Mounted per run, so a new run starts uncancelled.
 */
export function CancellableProgress({
  status,
  progressLabel,
  done,
  total,
  hint,
  cancelLabel,
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
  /** Asks the run to stop (aborts its signal). */
  onCancel: () => void;
  className?: string;
}) {
  const [cancelling, setCancelling] = useState(false);
  const cancel = () => {
    onCancel();
    setCancelling(true);
  };
  return (
    <div className={className}>
      <p role="status">{cancelling ? 'Cancelling after the current batch…' : status}</p>
      <progress aria-label={progressLabel} max={Math.max(total, 1)} value={done} />
      <p className="hint">{hint}</p>
      <button type="button" disabled={cancelling} onClick={cancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
