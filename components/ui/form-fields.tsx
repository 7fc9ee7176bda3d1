import type { ReactNode } from 'react';

/**
 * The accessible wiring every form here repeats: each field gets a stable id, its value, and,
 * when invalid, `aria-invalid` plus `aria-describedby` pointing at its error message.
 * `field(name)` gives a FormField the same id and that message.
 */
export function formFieldHelpers<F extends string>(
  formId: string,
  fields: Record<F, string>,
  errors: Partial<Record<F, string>>,
  errorClassName: string,
) {
  const input = (field: F) => ({
    id: `${formId}-${field}`,
    name: field,
    value: fields[field],
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${formId}-${field}-error` : undefined,
  });
  const error = (field: F) =>
    errors[field] ? (
      <p id={`${formId}-${field}-error`} className={errorClassName}>
        {errors[field]}
      </p>
    ) : null;
  const field = (name: F) => ({ controlId: `${formId}-${name}`, error: error(name) });
  return { input, error, field };
}

/** One labelled field: its label, its control (the children), then its error message if any. */
export function FormField(props: { className: string; label: ReactNode; controlId: string; error: ReactNode; children: ReactNode }) {
  const { className, label, controlId, error, children } = props;
  return (
    <div className={className}>
      <label htmlFor={controlId}>{label}</label>
      {children}
      {error}
    </div>
  );
}
