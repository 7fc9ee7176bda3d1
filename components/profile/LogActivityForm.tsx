import { useState, type FormEvent } from 'react';
import { addInteraction, crmDatabase } from '@/lib/db';
import { emptyLogForm, localDateTime, parseLogForm, type LogKind } from './log-form';
import { FormActions } from '../ui/FormActions';
import { FormField } from '../ui/form-fields';
import { useCheckedForm } from '../ui/use-checked-form';

const KIND_LABEL: Record<LogKind, string> = { note: 'Note', call: 'Call', meeting: 'Meeting' };
const FIELD_ORDER = ['kind', 'when', 'duration', 'outcome', 'body'] as const;

/**
 * Logs a note, call or meeting. Bad input is explained beside its field and nothing typed is
 * lost; after a save the form clears for the next one, keeping its kind.
 */
export function LogActivityForm({ contactId }: { contactId: string }) {
  const form = useCheckedForm(() => emptyLogForm(Date.now()), FIELD_ORDER, 'error form-error');
  const { fields, set, input, field } = form;
  // Until "When" is changed by hand, the entry is logged at the moment it is saved.
  const [whenTouched, setWhenTouched] = useState(false);
  const kind = (fields.kind in KIND_LABEL ? fields.kind : 'note') as LogKind;
  const timed = kind === 'call' || kind === 'meeting';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const now = Date.now();
    const parsed = parseLogForm(whenTouched ? fields : { ...fields, when: localDateTime(now) }, contactId);
    if (!parsed.ok) return form.reject(parsed.errors);
    void form.save(async () => {
      await addInteraction(crmDatabase(), whenTouched ? parsed.interaction : { ...parsed.interaction, at: now });
      form.setFields(emptyLogForm(Date.now(), kind));
      setWhenTouched(false);
      return `${KIND_LABEL[kind]} logged.`;
    }, `Could not log the ${kind}`);
  }

  return (
    <form className="crm-form" aria-label="Log activity" noValidate onSubmit={submit}>
      <FormField className="crm-field" label="Type" {...field('kind')}>
        <select {...input('kind')} onChange={(e) => set('kind')(e.target.value)}>
          <option value="note">Note</option>
          <option value="call">Call</option>
          <option value="meeting">Meeting</option>
        </select>
      </FormField>
      <FormField className="crm-field crm-field-when" label="When" {...field('when')}>
        <input
          {...input('when')}
          type="datetime-local"
          onChange={(e) => {
            setWhenTouched(true);
            set('when')(e.target.value);
          }}
        />
      </FormField>
      {timed ? (
        <>
          <FormField className="crm-field crm-field-narrow" label="Minutes" {...field('duration')}>
            <input {...input('duration')} type="text" inputMode="numeric" autoComplete="off" onChange={(e) => set('duration')(e.target.value)} />
          </FormField>
          <FormField className="crm-field crm-field-wide" label="Outcome" {...field('outcome')}>
            <input
              {...input('outcome')}
              type="text"
              autoComplete="off"
              maxLength={300}
              placeholder="Booked a demo, left a voicemail…"
              onChange={(e) => set('outcome')(e.target.value)}
            />
          </FormField>
        </>
      ) : null}
      <FormField className="crm-field crm-field-wide" label={kind === 'note' ? 'Note' : 'Notes'} {...field('body')}>
        <textarea {...input('body')} rows={3} onChange={(e) => set('body')(e.target.value)} />
      </FormField>
      <FormActions
        className="crm-actions"
        submitLabel={form.saving ? 'Logging…' : `Log ${kind}`}
        saving={form.saving}
        saved={form.saved}
        failure={form.failure}
      />
    </form>
  );
}
