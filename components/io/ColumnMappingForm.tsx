import { useId, useState, type FormEvent } from 'react';
import { MAPPABLE_FIELDS, type ColumnMapping, type MappableField } from '@/lib/io/types';
import { FIELD_LABEL } from './format-labels';
import { FailureAlert } from '../ui/FailureAlert';

/** For a CSV of unknown layout: which column feeds which contact field, one select per header. */
export function ColumnMappingForm(props: {
  headers: readonly string[];
  initial: ColumnMapping;
  remembered: boolean;
  onConfirm: (mapping: ColumnMapping) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [mapping, setMapping] = useState<ColumnMapping>(props.initial);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = Object.values(mapping);
    if (!fields.some((field) => ['name', 'firstName', 'lastName', 'email', 'phone', 'profileUrl'].includes(field))) {
      setError('Choose at least one column with a name, email, phone or profile URL: without one, no row is a person.');
      return;
    }
    props.onConfirm(mapping);
  }

  return (
    <form className="io-mapping" aria-labelledby={`${id}-heading`} onSubmit={submit} noValidate>
      <h3 id={`${id}-heading`}>Match the file’s columns</h3>
      <p className="hint">
        {props.remembered
          ? 'These are the choices you made last time for a file with these columns.'
          : 'This file’s columns are not a layout Sidebar CRM knows, so the choices below are guesses. Check them; they are remembered for the next file with the same columns.'}
      </p>
      <div className="io-mapping-grid">
        {props.headers.map((header, index) => (
          <div key={`${header}-${index}`} className="setting">
            <label htmlFor={`${id}-${index}`}>{header || `Column ${index + 1}`}</label>
            <select
              id={`${id}-${index}`}
              value={mapping[header] ?? ''}
              onChange={(event) => {
                const value = event.target.value as MappableField | '';
                setError(null);
                setMapping((current) => {
                  const next = { ...current };
                  if (value) next[header] = value;
                  else delete next[header];
                  return next;
                });
              }}
            >
              <option value="">Ignore this column</option>
              {MAPPABLE_FIELDS.map((field) => (
                <option key={field} value={field}>
                  {FIELD_LABEL[field]}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <FailureAlert text={error} />
      <div className="form-actions">
        <button type="submit">Use these columns</button>
        <button type="button" onClick={props.onCancel}>
          Choose another file
        </button>
      </div>
    </form>
  );
}
