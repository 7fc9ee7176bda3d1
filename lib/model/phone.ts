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
