/** A settings message: saved, defaults filled in, or what to fix. */
export interface SettingsMessage {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * The foot of a settings form in Options: Save, "Fill in defaults" (fills the form; the user
 * still saves), and the form's status line.
 */
export function SettingsFormFooter({ message, onFillDefaults }: { message: SettingsMessage | null; onFillDefaults: () => void }) {
  return (
    <>
      <div className="form-actions">
        <button type="submit">Save</button>
        <button type="button" onClick={onFillDefaults}>
          Fill in defaults
        </button>
      </div>
      <p role="status" className={message?.kind === 'error' ? 'error' : 'muted'}>
        {message?.text ?? ''}
      </p>
    </>
  );
}
