import type { DetectedContactInput } from '../../model/detected';
import type { Detector } from '../types';
import { PageScan } from '../scan';
import { describeElement } from '../evidence';
import { cleanPhone } from '../field-values';
import { distinct, distinctProfiles, emailFromValue, MAX_VALUES, pageBase, profileLink } from './markup';

/**
 * `rel="me"` (XFN, IndieWeb): each link says "this other page is also me", about whoever the
 * page belongs to. All of them together are one person, the page's subject: their profiles, and
 * the addresses and numbers of `mailto:` / `tel:` links marked `rel="me"`. A representative
 * h-card linking to one of the same profiles merges with it.
 * Test URLs: https://tantek.com/, personal sites with "Mastodon" / "GitHub" links in the footer.
 */
export const relMeDetector: Detector = {
  name: 'rel-me',
  matches: () => true,
  detect(root, url, scan = new PageScan(root)) {
    const all = scan.pageLinks.relMe;
    if (all.length === 0) return [];
    const links = all.slice(0, MAX_VALUES * 4);
    if (links.length < all.length) scan.limit('rel-me-links', links.length, all.length);
    const base = scan.shared('base', () => pageBase(root, url));
    const hrefs = links.map((link) => link.getAttribute('href') ?? '');
    const emails = distinct(hrefs.filter((href) => /^\s*mailto:/i.test(href)).map((href) => emailFromValue(href)));
    const phones = distinct(hrefs.filter((href) => /^\s*tel:/i.test(href)).map((href) => cleanPhone(href.trim())));
    const profiles = distinctProfiles(hrefs.filter((href) => !/^\s*(?:mailto|tel):/i.test(href)).map((href) => profileLink(href, base)));
    if (emails.length === 0 && phones.length === 0 && profiles.length === 0) return [];
    const person: DetectedContactInput = {
      emails,
      phones,
      profiles,
      role: 'subject',
      evidence: links.slice(0, 10).map((link) => ({ detector: 'rel-me', element: describeElement(link) })),
    };
    return [person];
  },
};
