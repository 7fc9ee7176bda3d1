/** Under a preview: write what it shows, or go back and choose another file. */
export function PreviewActions(props: { confirmLabel: string; disabled?: boolean; onConfirm: () => void; onChooseAgain: () => void }) {
  return (
    <div className="form-actions">
      <button type="button" className="io-primary" onClick={props.onConfirm} disabled={props.disabled}>
        {props.confirmLabel}
      </button>
      <button type="button" onClick={props.onChooseAgain}>
        Choose another file
      </button>
    </div>
  );
}
