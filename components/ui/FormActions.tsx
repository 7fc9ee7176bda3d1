import { FailureAlert } from './FailureAlert';

/**
 * The foot of a form: its submit button, the status line beside it (always present, so screen
 * readers announce what was saved) and, below, what failed.
 */
export function FormActions(props: { className: string; submitLabel: string; saving?: boolean; saved: string | null; failure: string | null }) {
  const { className, submitLabel, saving, saved, failure } = props;
  return (
    <>
      <div className={className}>
        <button type="submit" disabled={saving}>
          {submitLabel}
        </button>
        <span role="status" className="muted">
          {saved}
        </span>
      </div>
      <FailureAlert text={failure} />
    </>
  );
}
