/**
 * What failed, in words, announced at once (role="alert"); nothing at all when nothing failed, so
 * a screen reader does not announce an empty alert.
 */
export function FailureAlert({ text }: { text: string | null | undefined }) {
  return text ? (
    <p role="alert" className="error">
      {text}
    </p>
  ) : null;
}
