/**
 * Canonical forms used as identity keys. Two sightings of one person must produce the same key,
 * so every writer (detectors, imports, the user) goes through these.
 */
import { PROFILE_IDENTITIES } from '../detect/sites';

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Keeps a leading + and the digits; full E.164 needs the country, which detectors supply. */
export function normalizePhone(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** Scheme and host lower-cased, no query, fragment or trailing slash; null unless http(s). */
export function canonicalProfileUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.host.toLowerCase();
  // One person, one URL, whichever country subdomain, letter case or trailing page was visited:
  // each profile site says how its URLs name a person (LinkedIn's /in/ slug, GitHub's login).
  for (const identity of PROFILE_IDENTITIES) {
    const id = identity.host.test(host) ? identity.path.exec(url.pathname)?.[1] : undefined;
    if (id) return identity.canonical + lowerCaseSegment(id);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${host}${path}`;
}

/** A path segment lower-cased as text, then encoded the one way encodeURIComponent does. */
function lowerCaseSegment(segment: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(segment).toLowerCase());
  } catch {
    return segment.toLowerCase();
  }
}

/** A character outside ASCII: text without one needs no Unicode folding. */
const BEYOND_ASCII = /[\u0080-\uffff]/;

/** Lower-cased, diacritics removed: "Zoë Ångström" and "zoe angstrom" search alike. */
export function foldForSearch(text: string): string {
  // ASCII text is its own NFKD form and has no combining marks: lower-casing is all there is to
  // do (most names, companies and addresses; the Unicode path costs ~5× as much).
  if (!BEYOND_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Words of a text, folded: the keys a prefix search starts from. */
export function searchWords(text: string): string[] {
  const folded = foldForSearch(text);
  // In lower-cased ASCII the letters and digits are exactly a–z and 0–9.
  const separators = BEYOND_ASCII.test(folded) ? /[^\p{L}\p{N}]+/u : /[^a-z0-9]+/;
  return folded.split(separators).filter((word) => word.length > 0);
}
