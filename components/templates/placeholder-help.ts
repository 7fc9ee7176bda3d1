import { TEMPLATE_FIELDS } from '@/lib/templates';

/** One line telling what can go between the braces, shown wherever templates are written. */
export const PLACEHOLDER_HELP =
  `Placeholders: ${TEMPLATE_FIELDS.map((field) => `{{${field}}}`).join(', ')}; ` +
  'custom fields {{custom.school}} come from tags written “school: MIT” on the contact. ' +
  'Add a fallback after a bar for when a contact has no value: {{firstName|there}}.';

/** "company" → "{{company}}", for the flags that name missing placeholders. */
export function braces(name: string): string {
  return `{{${name}}}`;
}
