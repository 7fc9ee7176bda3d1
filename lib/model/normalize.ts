/**
 * Canonical forms used as identity keys. Two sightings of one person must produce the same key,
 * so every writer (detectors, imports, the user) goes through these.
 */

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
  // LinkedIn members by their /in/ slug, GitHub users by their login (both case-insensitive).
  const linkedInSlug = /(^|\.)linkedin\.com$/.test(host) ? /^\/in\/([^/]+)/.exec(url.pathname)?.[1] : undefined;
  if (linkedInSlug) return `https://www.linkedin.com/in/${lowerCaseSegment(linkedInSlug)}`;
  const githubLogin = host === 'github.com' || host === 'www.github.com' ? /^\/([^/]+)\/?$/.exec(url.pathname)?.[1] : undefined;
  if (githubLogin) return `https://github.com/${lowerCaseSegment(githubLogin)}`;
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

/** Lower-cased, diacritics removed: "Zoë Ångström" and "zoe angstrom" search alike. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Words of a text, folded: the keys a prefix search starts from. */
export function searchWords(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}
