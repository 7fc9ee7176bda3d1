import { useId, useState, type FormEvent } from 'react';
import { addInteraction, crmDatabase } from '@/lib/db';
import { emptyLogForm, localDateTime, parseLogForm, type LogFormErrors, type LogFormFields, type LogKind } from './log-form';
import { formFieldHelpers } from '../ui/form-fields';

const KIND_LABEL: Record<LogKind, string> = { note: 'Note', call: 'Call', meeting: 'Meeting' };

/**
 * Logs a note, call or meeting. Bad input is explained beside its field and nothing typed is
 * lost; after a save the form clears for the next one, keeping its kind.
 */
export function LogActivityForm({ contactId }: { contactId: string }) {
  const id = useId();
  const [fields, setFields] = useState<LogFormFields>(() => emptyLogForm(Date.now()));
  const [errors, setErrors] = useState<LogFormErrors>({});
  const [status, setStatus] = useState<{ kind: 'saved' | 'failed'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  // Until "When" is changed by hand, the entry is logged at the moment it is saved.
  const [whenTouched, setWhenTouched] = useState(false);
  const kind = (fields.kind in KIND_LABEL ? fields.kind : 'note') as LogKind;
  const timed = kind === 'call' || kind === 'meeting';

  const set = (field: keyof LogFormFields) => (value: string) => {
    setFields((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const now = Date.now();
    const parsed = parseLogForm(whenTouched ? fields : { ...fields, when: localDateTime(now) }, contactId);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setStatus(null);
      const first = (['kind', 'when', 'duration', 'outcome', 'body'] as const).find((field) => parsed.errors[field]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      await addInteraction(crmDatabase(), whenTouched ? parsed.interaction : { ...parsed.interaction, at: now });
      setFields(emptyLogForm(Date.now(), kind));
      setWhenTouched(false);
      setErrors({});
      setStatus({ kind: 'saved', text: `${KIND_LABEL[kind]} logged.` });
    } catch (error) {
      setStatus({ kind: 'failed', text: `Could not log the ${kind}: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setSaving(false);
    }
  }

  const { input, error } = formFieldHelpers(id, fields, errors, 'error form-error');

  return (
    <form className="crm-form" aria-label="Log activity" noValidate onSubmit={(event) => void submit(event)}>
      <div className="crm-field">
        <label htmlFor={`${id}-kind`}>Type</label>
        <select {...input('kind')} onChange={(e) => set('kind')(e.target.value)}>
          <option value="note">Note</option>
          <option value="call">Call</option>
          <option value="meeting">Meeting</option>
        </select>
        {error('kind')}
      </div>
      <div className="crm-field crm-field-when">
        <label htmlFor={`${id}-when`}>When</label>
        <input {...input('when')} type="datetime-local" onChange={(e) => {
            setWhenTouched(true);
            set('when')(e.target.value);
          }}
        />
        {error('when')}
      </div>
      {timed ? (
        <>
          <div className="crm-field crm-field-narrow">
            <label htmlFor={`${id}-duration`}>Minutes</label>
            <input {...input('duration')} type="text" inputMode="numeric" autoComplete="off" onChange={(e) => set('duration')(e.target.value)} />
            {error('duration')}
          </div>
          <div className="crm-field crm-field-wide">
            <label htmlFor={`${id}-outcome`}>Outcome</label>
            <input
              {...input('outcome')}
              type="text"
              autoComplete="off"
              maxLength={300}
              placeholder="Booked a demo, left a voicemail…"
              onChange={(e) => set('outcome')(e.target.value)}
            />
            {error('outcome')}
          </div>
        </>
      ) : null}
      <div className="crm-field crm-field-wide">
        <label htmlFor={`${id}-body`}>{kind === 'note' ? 'Note' : 'Notes'}</label>
        <textarea {...input('body')} rows={3} onChange={(e) => set('body')(e.target.value)} />
        {error('body')}
      </div>
      <div className="crm-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Logging…' : `Log ${kind}`}
        </button>
        <span role="status" className="muted">
          {status?.kind === 'saved' ? status.text : null}
        </span>
      </div>
      {status?.kind === 'failed' ? (
        <p role="alert" className="error">
          {status.text}
        </p>
      ) : null}
    </form>
  );
}
