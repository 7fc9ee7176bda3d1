/**
 * One numeric setting in an Options form: its label, a hint under it, the text input and, when
 * invalid, the message. The input is described by the hint and, when there is one, the message.
 */
export function SettingField(props: {
  formId: string;
  name: string;
  label: string;
  hint: string;
  inputMode: 'decimal' | 'numeric' | 'text';
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const { formId, name, label, hint, inputMode, value, error, onChange } = props;
  const inputId = `${formId}-${name}`;
  return (
    <div className="setting">
      <label htmlFor={inputId}>{label}</label>
      <p id={`${inputId}-hint`} className="hint">
        {hint}
      </p>
      <input
        id={inputId}
        name={name}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <p id={`${inputId}-error`} className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
