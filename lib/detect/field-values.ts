/**
 * What a value read from markup is, cleaned: an address, a phone number, a person's name (from
 * link text or markup). Pure string rules shared by every detector and site reader.
 */

const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}$/i;

/** A deliverable-looking address: local@domain.tld, no spaces, a letter-only TLD. */
export function looksLikeEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** Words that are no name, but on their own no call to action either (CALL_TO_ACTION has those). */
const NOT_A_NAME = /^(mail|here|us|me|our|the|a|an|to|for|info|support|team|sales|help|now|today|message|get|in|touch|reach|out)$/i;

/** A word no name has and every "Email us" / "Join IAB" / "Call now" link does. */
const CALL_TO_ACTION = /^(e-?mail|contact|write|send|click|call|phone|telephone|tel|ring|dial|mobile|fax|join|subscribe|unsubscribe|apply|feedback|report|donate|book|order)$/i;

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
  if (words.some((word) => CALL_TO_ACTION.test(word))) return undefined;
  return text;
}

/** Phone separators people and `tel:` links use: spaces, dots, dashes, slashes, brackets. */
const PHONE_CHARACTERS = /^\+?[\d\s().\-/\u00a0\u2010-\u2015\u2212]+$/;
/** "ext. 12", "x12", "#12" at the end: an extension, not more digits of the number. */
const EXTENSION = /\s*(?:ext\.?|extn\.?|extension|x|#)\s*\d{1,6}\s*$/i;
/** "Tel:", "Phone.:", "Mobile:" before the number. */
const LABEL = /^[a-z][a-z .]{0,15}:\s*/i;

/**
 * A phone number as found, cleaned to a leading + and digits ("+1 (415) 555-0100" →
 * "+14155550100"), or undefined when it does not look like one: letters, too few or too many
 * digits. Accepts `tel:` URIs (their `;ext=` parameters dropped). E.164 normalisation, which
 * needs the country, happens outside the content script.
 */
export function cleanPhone(raw: string): string | undefined {
  if (raw.length > 100) return undefined;
  let text = raw.trim();
  if (/^tel:/i.test(text)) {
    text = text.slice(4).split(';')[0] ?? '';
    try {
      text = decodeURIComponent(text);
    } catch {
      return undefined;
    }
  } else {
    text = text.replace(LABEL, '').replace(EXTENSION, '');
  }
  text = text.trim();
  // "+44 (0)20 …": the trunk prefix is dialled at home only, never after the country code.
  if (text.startsWith('+')) text = text.replace(/\(\s*0\s*\)/, '');
  if (!PHONE_CHARACTERS.test(text)) return undefined;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) return undefined;
  return text.startsWith('+') ? `+${digits}` : digits;
}

/** `--`, `—`, `N/A`, `null`: what a page prints where a field has no value. Never a value. */
export const isPlaceholder = (text: string) => /^(?:--?|[—–]|n\/a|null|undefined)$/i.test(text);

/**
 * A person's name from markup: whitespace collapsed, at most 200 characters, with a letter in
 * it, and not an address or a link standing in for a name.
 */
export function cleanName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const text = raw
    .slice(0, 1000)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(BYLINE_PREFIX, '');
  if (text.length === 0 || text.length > 200 || !/\p{L}/u.test(text) || isPlaceholder(text)) return undefined;
  if (looksLikeEmail(text) || /^(?:https?:|www\.|mailto:|tel:)/i.test(text)) return undefined;
  const words = text.split(' ');
  if (words.length === 1 && /^\p{Lu}{2,4}$/u.test(text)) return undefined; // "AFP", "CNN": an agency
  if (words.length >= 3 && looksLikePhrase(words)) return undefined;
  return text;
}

/** "By Lucy Akins", "Par Sébastien Farcis": a byline's lead-in, not part of the name. */
const BYLINE_PREFIX = /^(?:by|par)\s*:?\s+(?=\p{Lu})/iu;
/** Lower-case words that do belong in names: "Ludwig van Beethoven", "Michiel de Jong", "al-Rashid", "d'Arcy". */
export const NAME_PARTICLES = new Set('de da di do dos das del della der den des du la le van von ter ten zu bin bint ibn ben al el y e af av d l'.split(' '));

/** "Seattle Times business reporter": capitalised and plain lower-case words mixed, as in a phrase. */
function looksLikePhrase(words: string[]): boolean {
  const lower = words.filter((word) => /^\p{Ll}/u.test(word) && !NAME_PARTICLES.has(word.split(/[-'’]/)[0]!) && !word.endsWith('.'));
  return lower.length > 0 && words.some((word) => /^\p{Lu}/u.test(word));
}
