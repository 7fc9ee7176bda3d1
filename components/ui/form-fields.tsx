/**
 * The accessible wiring every form here repeats: each field gets a stable id, its value, and,
 * when invalid, `aria-invalid` plus `aria-describedby` pointing at its error message.
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
  return { input, error };
}
