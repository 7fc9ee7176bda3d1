import type { FormEvent } from 'react';
import { addDeal, crmDatabase } from '@/lib/db';
import { localIsoDay } from '@/lib/value/recompute';
import { emptyDealForm, parseDealForm } from './deal-form';
import { FormActions } from '../ui/FormActions';
import { FormField } from '../ui/form-fields';
import { useCheckedForm } from '../ui/use-checked-form';

const FIELD_ORDER = ['title', 'amount', 'currency', 'status', 'date'] as const;

/**
 * Adds a deal to one contact. Bad input is explained beside its field and nothing typed is lost;
 * after a save the title and amount clear, the currency, status and date stay for the next one.
 */
export function AddDealForm({ contactId, defaultCurrency }: { contactId: string; defaultCurrency: string }) {
  const form = useCheckedForm(() => emptyDealForm(localIsoDay(Date.now()), defaultCurrency), FIELD_ORDER, 'error deal-form-error');
  const { fields, set, input, field } = form;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseDealForm(fields, contactId, localIsoDay(Date.now()));
    if (!parsed.ok) return form.reject(parsed.errors);
    void form.save(async () => {
      const deal = await addDeal(crmDatabase(), parsed.deal);
      form.setFields((current) => ({ ...current, title: '', amount: '', currency: deal.currency }));
      return `Added “${deal.title}”.`;
    }, 'Could not save the deal');
  }

  return (
    <form className="deal-form" aria-label="Add deal" noValidate onSubmit={submit}>
      <FormField className="deal-field deal-field-wide" label="Deal title" {...field('title')}>
        <input {...input('title')} type="text" autoComplete="off" maxLength={300} onChange={(e) => set('title')(e.target.value)} />
      </FormField>
      <FormField className="deal-field" label="Amount" {...field('amount')}>
        <input {...input('amount')} type="text" inputMode="decimal" autoComplete="off" onChange={(e) => set('amount')(e.target.value)} />
      </FormField>
      <FormField className="deal-field deal-field-narrow" label="Currency" {...field('currency')}>
        <input
          {...input('currency')}
          type="text"
          autoComplete="off"
          maxLength={3}
          size={4}
          spellCheck={false}
          onChange={(e) => set('currency')(e.target.value.toUpperCase())}
        />
      </FormField>
      <FormField className="deal-field" label="Status" {...field('status')}>
        <select {...input('status')} onChange={(e) => set('status')(e.target.value)}>
          <option value="open">Open</option>
          <option value="won">Won</option>
          <option value="lost">Lost</option>
        </select>
      </FormField>
      <FormField className="deal-field" label={fields.status === 'open' ? 'Expected close' : 'Closed on'} {...field('date')}>
        <input {...input('date')} type="date" onChange={(e) => set('date')(e.target.value)} />
      </FormField>
      <FormActions
        className="deal-actions"
        submitLabel={form.saving ? 'Adding…' : 'Add deal'}
        saving={form.saving}
        saved={form.saved}
        failure={form.failure}
      />
    </form>
  );
}
