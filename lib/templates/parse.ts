import { resolveFieldName, TEMPLATE_FIELDS, type TemplateField } from './fields';

export type TemplatePart =
  | { kind: 'text'; text: string }
  | {
      kind: 'placeholder';
      /** As written between the braces, without the fallback: what a flag names. */
      name: string;
      target: { kind: 'field'; field: TemplateField } | { kind: 'custom'; key: string };
      fallback?: string;
      raw: string;
    };

export interface TemplateError {
  /** The offending text, as written. */
  raw: string;
  message: string;
}

export interface ParsedTemplate {
  parts: TemplatePart[];
  errors: TemplateError[];
}

const KNOWN = `${TEMPLATE_FIELDS.join(', ')} or custom.<key>`;

/**
 * `{{name}}` and `{{name|fallback}}` (spaces around either allowed; the fallback may be empty,
 * which renders nothing). An unknown name, an empty or unclosed placeholder is an error: it is
 * kept as literal text so it shows where it is, and listed so the editor can flag it.
 */
export function parseTemplate(body: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const errors: TemplateError[] = [];
  const text = (value: string) => {
    if (value === '') return;
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += value;
    else parts.push({ kind: 'text', text: value });
  };

  let at = 0;
  while (at < body.length) {
    const open = body.indexOf('{{', at);
    if (open < 0) break;
    text(body.slice(at, open));
    const close = body.indexOf('}}', open + 2);
    const nextOpen = body.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const end = nextOpen >= 0 ? nextOpen : body.length;
      const raw = body.slice(open, end);
      errors.push({ raw, message: `“${raw.trim()}” is not closed: end a placeholder with }}.` });
      text(raw);
      at = end;
      continue;
    }
    const raw = body.slice(open, close + 2);
    const inner = body.slice(open + 2, close);
    const bar = inner.indexOf('|');
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const target = name === '' ? null : resolveFieldName(name);
    if (!target) {
      errors.push({
        raw,
        message: name === '' ? `${raw} is empty: name a field inside the braces.` : `${raw}: unknown placeholder “${name}”. Use ${KNOWN}.`,
      });
      text(raw);
    } else {
      parts.push({ kind: 'placeholder', name, target, ...(bar >= 0 ? { fallback: inner.slice(bar + 1).trim() } : {}), raw });
    }
    at = close + 2;
  }
  text(body.slice(at));
  return { parts, errors };
}
