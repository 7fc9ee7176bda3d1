import { FailureAlert } from './FailureAlert';

/**
 * A view's status line (always present, so screen readers announce each new text) and, below
 * it, what failed.
 */
export function StatusAndAlert(props: { status: string | null; failure: string | null; statusClassName?: string }) {
  const { status, failure, statusClassName = 'muted' } = props;
  return (
    <>
      <p role="status" className={statusClassName}>
        {status}
      </p>
      <FailureAlert text={failure} />
    </>
  );
}
