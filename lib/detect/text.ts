/** Small text rules shared by detectors. Pure; no DOM beyond reading attributes. */

const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}$/i;

/** A deliverable-looking address: local@domain.tld, no spaces, a letter-only TLD. */
export function looksLikeEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

const NOT_A_NAME = /^(e-?mail|mail|contact|write|send|click|here|us|me|our|the|a|an|to|for|info|support|team|sales|help|now|today|message|get|in|touch|reach|out)$/i;

/**
 * Link text as a person's name only when it reads like one: 1–5 words of letters (with
 * apostrophes, hyphens, dots), not an address, not a call to action like "Email us".
 */
export function nameFromLinkText(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length < 2 || text.length > 80 || text.includes('@')) return undefined;
  const words = text.split(' ');
  if (words.length > 5) return undefined;
  if (!words.every((word) => /^[\p{L}][\p{L}'’.-]*$/u.test(word))) return undefined;
  if (words.every((word) => NOT_A_NAME.test(word))) return undefined;
  if (words.some((word) => /^(e-?mail|contact|write|send|click)$/i.test(word))) return undefined;
  return text;
}

/** A short, stable description of an element for evidence: tag, id, classes. */
export function describeElement(element: Element): string {
  const id = element.id ? `#${element.id}` : '';
  const classes = (element.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((name) => `.${name}`)
    .join('');
  return `${element.tagName.toLowerCase()}${id}${classes}`.slice(0, 300);
}
