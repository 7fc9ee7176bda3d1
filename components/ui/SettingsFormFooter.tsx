/** A settings message: saved, defaults filled in, or what to fix. */
export interface SettingsMessage {
  kind: 'ok' | 'error';
  text: string;
}

/** What every settings form says when a field is wrong, and after "Fill in defaults". */
export const SETTINGS_INVALID: SettingsMessage = { kind: 'error', text: 'Nothing saved: fix the fields marked below.' };
export const SETTINGS_DEFAULTS_FILLED: SettingsMessage = { kind: 'ok', text: 'Defaults filled in; press Save to use them.' };

/**
 * The foot of a settings form in Options: Save, "Fill in defaults" (fills the form; the user
 * still saves), and the form's status line. Options shows several such forms on one page, so
 * `subject` ("value tier settings") goes into both buttons' names: a screen-reader user listing
 * the buttons hears which form each one saves, and the visible word starts the name.
 */
export function SettingsFormFooter({
  subject,
  message,
  onFillDefaults,
}: {
  subject: string;
  message: SettingsMessage | null;
  onFillDefaults: () => void;
}) {
  return (
    <>
      <div className="form-actions">
        <button type="submit" aria-label={`Save ${subject}`}>
          Save
        </button>
        <button type="button" aria-label={`Fill in defaults for ${subject}`} onClick={onFillDefaults}>
          Fill in defaults
        </button>
      </div>
      <p role="status" className={message?.kind === 'error' ? 'error' : 'muted'}>
        {message?.text ?? ''}
      </p>
    </>
  );
}
