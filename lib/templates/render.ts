import { customFields, fieldValue, type TemplateContact } from './fields';
import { parseTemplate, type TemplateError } from './parse';

export interface RenderedText {
  text: string;
  /** Placeholders with no value for this contact and no fallback, as written, each once. */
  missing: string[];
  /** Unknown, empty or unclosed placeholders (kept as written in `text`). */
  errors: TemplateError[];
}

/**
 * A template for one contact. A placeholder with no value takes its fallback; with no fallback
 * it stays as written (`{{company}}`) and is listed in `missing`: text that is visibly unfinished
 * is caught before sending, where a silent blank ("Hi ,") would not be.
 */
export function renderTemplate(body: string, contact: TemplateContact): RenderedText {
  const { parts, errors } = parseTemplate(body);
  const custom = customFields(contact.tags);
  const missing = new Set<string>();
  let text = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const value = part.target.kind === 'field' ? fieldValue(contact, part.target.field) : custom.get(part.target.key);
    if (value !== undefined) text += value;
    else if (part.fallback !== undefined) text += part.fallback;
    else {
      missing.add(part.name);
      text += part.raw;
    }
  }
  return { text, missing: [...missing], errors };
}
