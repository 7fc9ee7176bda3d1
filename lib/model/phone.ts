import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { normalizePhone } from './normalize';

/**
 * Phone numbers in E.164 where the country can be known: from the number itself (+44…), else
 * from the page's country. libphonenumber-js (min metadata, ~180 KB) is the well-kept standard;
 * it is far too big for the content script, so this runs in the background and extension pages.
 */
export function toE164(raw: string, defaultCountry?: CountryCode): string {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  if (parsed?.isPossible()) return parsed.number;
  return normalizePhone(raw);
}

/**
 * The country a page's local phone numbers most likely belong to: its country-code top-level
 * domain (.de, .co.uk), else the region of the browser's locale (en-GB → GB), else none.
 */
export function countryForPage(pageUrl: string, locale?: string): CountryCode | undefined {
  let host = '';
  try {
    host = new URL(pageUrl).hostname;
  } catch {
    // fall through to the locale
  }
  const tld = host.split('.').pop()?.toUpperCase() ?? '';
  const fromTld = tld === 'UK' ? 'GB' : tld;
  if (fromTld.length === 2 && isSupportedCountry(fromTld)) return fromTld;
  const region = locale ? /[-_]([A-Za-z]{2})\b/.exec(locale)?.[1]?.toUpperCase() : undefined;
  return region && isSupportedCountry(region) ? region : undefined;
}

/** A detection's phones in E.164 where possible, duplicates removed. */
export function normalizePhones(phones: readonly string[], country?: CountryCode): string[] {
  return [...new Set(phones.map((phone) => toE164(phone, country)).filter((phone) => phone.length > 0))];
}

const KEYPAD: Record<string, string> = Object.fromEntries(
  ['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'].flatMap((letters, i) => [...letters].map((letter) => [letter, String(i + 2)])),
);

/**
 * The stored form of a phone as written (issue 17, item 6): what `phones` holds and duplicates
 * and identity match on. The text itself is kept beside it (Contact.phoneText), so nothing is lost.
 * - `+44 20 7946 0000` → `+442079460000` (E.164 where the country can be known, as toE164)
 * - vanity letters dial as the keypad has them: `1 800 ELEPHANT` → `180035374268`
 * - a dial string keeps its pauses and waits (`p` or `,`, `w` or `;`) and what they dial:
 *   `+1 650 253 0000 p123` → `+16502530000p123`, `p1234p5678w9` → `p1234p5678w9`
 * - text around a number that is not letters of one word (`1234 business phone 2`) is not
 *   dialled: the digits are the key (`12342`), as before.
 */
export function phoneKey(raw: string, defaultCountry?: CountryCode): string {
  const text = raw.trim();
  // Lower-case words are a label, not vanity letters or pauses.
  if (/[a-z]{2,}/.test(text)) return toE164(text, defaultCountry);
  // A pause or wait is a lone p/w (or , ;) not inside a word of vanity letters.
  const pause = /(?<![A-Za-z])[pPwW](?![A-Za-z])|[,;]/.exec(text);
  const number = pause ? text.slice(0, pause.index) : text;
  const dial = pause
    ? text
        .slice(pause.index)
        .replace(/[pP,]/g, 'p')
        .replace(/[wW;]/g, 'w')
        .replace(/[^\dpw*#]/g, '')
    : '';
  const dialled = number.replace(/[A-Za-z]/g, (letter) => KEYPAD[letter.toUpperCase()] ?? '');
  const key = /\d/.test(dialled) ? toE164(dialled, defaultCountry) : '';
  return `${key}${dial}`.slice(0, 40);
}
