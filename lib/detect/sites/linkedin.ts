import { decodeSegment, isHttps, toUrl } from '../site-support/url-parts';
import { isLinkedInHost } from '../../model/profile-kind';
import type { ProfileIdentity, Site } from './site';

/** `/in/me` is LinkedIn's shortcut to the viewer's own profile, not anybody's slug. */
const NOT_A_SLUG = new Set(['me']);

/**
 * The member's public slug from a profile URL on any LinkedIn host (www, a country subdomain
 * like de.linkedin.com, or none), whatever follows it (`/details/experience/`, `?trk=…`):
 * lower-cased and percent-encoded the one way, so every sighting yields the same slug.
 * Test URLs: https://www.linkedin.com/in/ada-lovelace/, https://de.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-4a1b2c3
 */
export function linkedInProfileSlug(input: URL | string): string | undefined {
  const url = toUrl(input);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !isLinkedInHost(url.hostname)) {
    return undefined;
  }
  const raw = /^\/in\/([^/]+)\/?/.exec(url.pathname)?.[1];
  const decoded = raw ? decodeSegment(raw)?.trim().toLowerCase() : undefined;
  if (!decoded || decoded.length > 100 || NOT_A_SLUG.has(decoded) || /[\s/?#]/.test(decoded)) return undefined;
  return encodeURIComponent(decoded);
}

export function isLinkedInProfile(input: URL | string): boolean {
  const url = toUrl(input);
  return !!url && isHttps(url) && linkedInProfileSlug(url) !== undefined;
}

/** The one URL every sighting of a LinkedIn member maps to. */
export function linkedInProfileUrl(slug: string): string {
  return `https://www.linkedin.com/in/${slug}`;
}

/** A member is their /in/ slug, on whichever country subdomain it was visited. */
export const LINKEDIN_IDENTITY: ProfileIdentity = {
  host: /(^|\.)linkedin\.com$/,
  path: /^\/in\/([^/]+)/,
  canonical: 'https://www.linkedin.com/in/',
};

/**
 * LinkedIn member profiles, public (signed out) and member view (signed in): the profile's owner,
 * with name, headline, company, location, photo; the reading is linkedin.dom.ts.
 * Test URLs: https://www.linkedin.com/in/williamhgates/ (member view when signed in),
 * https://uk.linkedin.com/in/williamhgates?trk=public_profile (public view when signed out).
 */
export const linkedin = {
  name: 'linkedin',
  label: 'LinkedIn',
  kind: 'profile',
  engine: 'profiles',
  // Public profiles are often served on country subdomains (de.linkedin.com, uk.linkedin.com).
  matches: ['https://*.linkedin.com/*'],
  isPage: isLinkedInProfile,
  profileIdentity: LINKEDIN_IDENTITY,
  fixtures: ['linkedin-member.html', 'linkedin-public.html'],
} as const satisfies Site;
