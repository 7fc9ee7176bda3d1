import { useId, useState } from 'react';
import { formFieldHelpers } from './form-fields';

/** What the last submit did: saved (said in the status line) or failed (said in an alert). */
export type FormOutcome = { kind: 'saved' | 'failed'; text: string };

/**
 * The state of a form whose fields are checked by a pure parser before saving: what is typed
 * (kept as typed, so nothing is lost on a bad field), each field's message, and the outcome of
 * the last save. `fieldOrder` is the order fields appear in, for focusing the first bad one;
 * `errorClassName` styles each field's message.
 */
export function useCheckedForm<F extends string>(initial: () => Record<F, string>, fieldOrder: readonly F[], errorClassName: string) {
  const formId = useId();
  const [fields, setFields] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [outcome, setOutcome] = useState<FormOutcome | null>(null);
  const [saving, setSaving] = useState(false);

  /** Typing in a field replaces its value and clears its message. */
  const set = (field: F) => (value: string) => {
    setFields((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  /** Shows each bad field's message and focuses the first, so keyboard and screen-reader users land on the problem. */
  function reject(found: Partial<Record<F, string>>): void {
    setErrors(found);
    setOutcome(null);
    const first = fieldOrder.find((field) => found[field]);
    if (first) document.getElementById(`${formId}-${first}`)?.focus();
  }

  /** Runs `write`; its answer becomes the status line, or what it threw becomes the alert after `failurePrefix`. */
  async function save(write: () => Promise<string>, failurePrefix: string): Promise<void> {
    setSaving(true);
    try {
      const text = await write();
      setErrors({});
      setOutcome({ kind: 'saved', text });
    } catch (error) {
      setOutcome({ kind: 'failed', text: `${failurePrefix}: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setSaving(false);
    }
  }

  return {
    formId,
    fields,
    setFields,
    ...formFieldHelpers(formId, fields, errors, errorClassName),
    set,
    reject,
    save,
    saving,
    saved: outcome?.kind === 'saved' ? outcome.text : null,
    failure: outcome?.kind === 'failed' ? outcome.text : null,
  };
}
