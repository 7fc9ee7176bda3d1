// @vitest-environment happy-dom
import { act, type FormEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { FailureAlert } from '@/components/ui/FailureAlert';
import { FormActions } from '@/components/ui/FormActions';
import { FormField } from '@/components/ui/form-fields';
import { StatusAndAlert } from '@/components/ui/StatusAndAlert';
import { useCheckedForm } from '@/components/ui/use-checked-form';
import { reactHost } from './react-host';

/** A two-field form wired the way AddDealForm and LogActivityForm are. */
function NameForm(props: { first: string; last: string; write: () => Promise<string> }) {
  const form = useCheckedForm(() => ({ first: props.first, last: props.last }), ['first', 'last'] as const, 'error form-error');
  const { input, field, set } = form;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: { first?: string; last?: string } = {};
    if (form.fields.first === '') errors.first = 'Give a first name.';
    if (form.fields.last === '') errors.last = 'Give a last name.';
    if (errors.first || errors.last) return form.reject(errors);
    void form.save(props.write, 'Could not save');
  }
  return (
    <form aria-label="Name" onSubmit={submit}>
      <FormField className="crm-field" label="First" {...field('first')}>
        <input {...input('first')} onChange={(e) => set('first')(e.target.value)} />
      </FormField>
      <FormField className="crm-field" label="Last" {...field('last')}>
        <input {...input('last')} onChange={(e) => set('last')(e.target.value)} />
      </FormField>
      <FormActions className="crm-actions" submitLabel={form.saving ? 'Saving…' : 'Save'} saving={form.saving} saved={form.saved} failure={form.failure} />
    </form>
  );
}

const { host, render } = reactHost();

async function submit(): Promise<void> {
  await act(async () => {
    host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('useCheckedForm with FormField and FormActions', () => {
  it('explains each bad field beside it and focuses the first one', async () => {
    render((<NameForm first="" last="" write={() => Promise.resolve('never')} />));
    await submit();
    const first = host.querySelector<HTMLInputElement>('input[name="first"]')!;
    const label = host.querySelector('label')!;
    expect(label.textContent).toBe('First');
    expect(document.getElementById(label.htmlFor)).toBe(first);
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(first.getAttribute('aria-describedby')!)!.textContent).toBe('Give a first name.');
    expect(host.querySelectorAll('.form-error')).toHaveLength(2);
    expect(document.activeElement).toBe(first);
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('says what was saved in the status line', async () => {
    render((<NameForm first="Ada" last="Lovelace" write={() => Promise.resolve('Saved Ada.')} />));
    await submit();
    expect(host.querySelector('[role="status"]')!.textContent).toBe('Saved Ada.');
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(host.querySelector('button')!.disabled).toBe(false);
  });

  it('says what failed in an alert, after the prefix', async () => {
    render((<NameForm first="Ada" last="Lovelace" write={() => Promise.reject(new Error('disk full'))} />));
    await submit();
    expect(host.querySelector('[role="alert"]')!.textContent).toBe('Could not save: disk full');
    expect(host.querySelector('[role="status"]')!.textContent).toBe('');
  });
});

describe('StatusAndAlert and FailureAlert', () => {
  it('keeps the status line and shows an alert only for a failure', () => {
    render((<StatusAndAlert status="Moved." failure={null} statusClassName="board-status" />));
    expect(host.querySelector('[role="status"]')!.className).toBe('board-status');
    expect(host.querySelector('[role="status"]')!.textContent).toBe('Moved.');
    expect(host.querySelector('[role="alert"]')).toBeNull();
    render((<FailureAlert text="Could not move the card." />));
    expect(host.querySelector('[role="alert"]')!.textContent).toBe('Could not move the card.');
  });
});
