/** Values as a site reader reads them from its page's elements: text, addresses, links. Pure. */
import { isPlaceholder, looksLikeEmail } from '../field-values';

/** An element's text, whitespace collapsed; '' for a missing element. */
export function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A non-empty, bounded string, or undefined: what an optional contact field takes. */
export function field(text: string | null | undefined, max = 300): string | undefined {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  return clean && !isPlaceholder(clean) ? clean.slice(0, max) : undefined;
}

/** The address itself, lower-cased, if the text is one (surrounding <> and spaces allowed). */
export function asEmail(text: string | null | undefined): string | undefined {
  const candidate = (text ?? '').trim().replace(/^<|>$/g, '').trim().toLowerCase();
  return looksLikeEmail(candidate) ? candidate : undefined;
}

const ADDRESS_IN_TEXT = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;

/** Every address-looking token in a text, lower-cased, in order, without repeats. */
export function emailsIn(text: string | null | undefined): string[] {
  const found = (text ?? '').match(ADDRESS_IN_TEXT) ?? [];
  return [...new Set(found.map((email) => email.toLowerCase()))].filter(looksLikeEmail);
}

/** An absolute http(s) URL for a link or image reference, resolved against the page. */
export function httpUrl(raw: string | null | undefined, base: URL): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
