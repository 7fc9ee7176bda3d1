import { useId, useState, type FormEvent } from 'react';
import { addDeal, crmDatabase } from '@/lib/db';
import { localIsoDay } from '@/lib/value/recompute';
import { emptyDealForm, parseDealForm, type DealFormErrors, type DealFormFields } from './deal-form';
import { formFieldHelpers } from '../ui/form-fields';

/**
 * Adds a deal to one contact. Bad input is explained beside its field and nothing typed is lost;
 * after a save the title and amount clear, the currency, status and date stay for the next one.
 */
export function AddDealForm({ contactId, defaultCurrency }: { contactId: string; defaultCurrency: string }) {
  const id = useId();
  const [fields, setFields] = useState<DealFormFields>(() => emptyDealForm(localIsoDay(Date.now()), defaultCurrency));
  const [errors, setErrors] = useState<DealFormErrors>({});
  const [status, setStatus] = useState<{ kind: 'saved' | 'failed'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const set = (field: keyof DealFormFields) => (value: string) => {
    setFields((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const today = localIsoDay(Date.now());
    const parsed = parseDealForm(fields, contactId, today);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setStatus(null);
      // Focus the first field in error so keyboard and screen-reader users land on the problem.
      const first = (['title', 'amount', 'currency', 'status', 'date'] as const).find((field) => parsed.errors[field]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      const deal = await addDeal(crmDatabase(), parsed.deal);
      setFields((current) => ({ ...current, title: '', amount: '', currency: deal.currency }));
      setErrors({});
      setStatus({ kind: 'saved', text: `Added “${deal.title}”.` });
    } catch (error) {
      setStatus({ kind: 'failed', text: `Could not save the deal: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setSaving(false);
    }
  }

  const { input, error } = formFieldHelpers(id, fields, errors, 'error deal-form-error');

  return (
    <form className="deal-form" aria-label="Add deal" noValidate onSubmit={(event) => void submit(event)}>
      <div className="deal-field deal-field-wide">
        <label htmlFor={`${id}-title`}>Title</label>
        <input {...input('title')} type="text" autoComplete="off" maxLength={300} onChange={(e) => set('title')(e.target.value)} />
        {error('title')}
      </div>
      <div className="deal-field">
        <label htmlFor={`${id}-amount`}>Amount</label>
        <input {...input('amount')} type="text" inputMode="decimal" autoComplete="off" onChange={(e) => set('amount')(e.target.value)} />
        {error('amount')}
      </div>
      <div className="deal-field deal-field-narrow">
        <label htmlFor={`${id}-currency`}>Currency</label>
        <input
          {...input('currency')}
          type="text"
          autoComplete="off"
          maxLength={3}
          size={4}
          spellCheck={false}
          onChange={(e) => set('currency')(e.target.value.toUpperCase())}
        />
        {error('currency')}
      </div>
      <div className="deal-field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select {...input('status')} onChange={(e) => set('status')(e.target.value)}>
          <option value="open">Open</option>
          <option value="won">Won</option>
          <option value="lost">Lost</option>
        </select>
        {error('status')}
      </div>
      <div className="deal-field">
        <label htmlFor={`${id}-date`}>{fields.status === 'open' ? 'Expected close' : 'Closed on'}</label>
        <input {...input('date')} type="date" onChange={(e) => set('date')(e.target.value)} />
        {error('date')}
      </div>
      <div className="deal-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Adding…' : 'Add deal'}
        </button>
        <span role="status" className={status?.kind === 'failed' ? 'error' : 'muted'}>
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
