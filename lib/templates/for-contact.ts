import type { TemplateContact } from './fields';
import type { MessageTemplate } from './model';
import { renderTemplate } from './render';

/** A template rendered for one contact: what the panel previews and the compose button inserts. */
export interface RenderedTemplate {
  id: string;
  name: string;
  subject?: string;
  body: string;
  /** Missing placeholders of subject and body together, each once. */
  missing: string[];
  /** How many placeholders are written wrong (the options page says which). */
  errorCount: number;
}

export function renderForContact(template: Pick<MessageTemplate, 'id' | 'name' | 'subject' | 'body'>, contact: TemplateContact): RenderedTemplate {
  const body = renderTemplate(template.body, contact);
  const subject = template.subject ? renderTemplate(template.subject, contact) : undefined;
  return {
    id: template.id,
    name: template.name,
    ...(subject ? { subject: subject.text } : {}),
    body: body.text,
    missing: [...new Set([...(subject?.missing ?? []), ...body.missing])],
    errorCount: body.errors.length + (subject?.errors.length ?? 0),
  };
}
