import type { DetectedContactInput } from '../../model/detected';
import type { Detector } from '../types';
import { isInsideCode } from '../rules';
import { PageScan } from '../scan';
import { describeElement } from '../evidence';
import { cleanPhone, nameFromLinkText } from '../field-values';
import { contactRole } from './placement';

/** Most tel: links read on one page: a directory of thousands is cut, not scanned for seconds. */
const MAX_LINKS = 2_000;

/** `tel:+1-415-555-0100;ext=12` → `+14155550100`; undefined when it is not a phone number. */
export function phoneFromTelHref(href: string): string | undefined {
  return /^tel:/i.test(href.trim()) ? cleanPhone(href.trim()) : undefined;
}

/**
 * `<a href="tel:…">`: the number, cleaned to + and digits, and the link text as the name when it
 * reads like one (not "Call us", not the number again).
 * Test URLs: contact pages of small businesses, e.g. a restaurant's "Call us" link.
 */
export const telDetector: Detector = {
  name: 'tel',
  matches: () => true,
  detect(root, _url, scan = new PageScan(root)) {
    const found: DetectedContactInput[] = [];
    const links = scan.pageLinks.tel;
    if (links.length > MAX_LINKS) scan.limit('phone-links', MAX_LINKS, links.length);
    for (const link of links.slice(0, MAX_LINKS)) {
      const phone = phoneFromTelHref(link.getAttribute('href') ?? '');
      if (!phone || isInsideCode(link)) continue;
      const name = nameFromLinkText(link.textContent?.slice(0, 200) ?? '');
      found.push({
        ...(name ? { name } : {}),
        ...(name && contactRole(link) ? { role: 'contact' as const } : {}),
        phones: [phone],
        evidence: [{ detector: 'tel', element: describeElement(link) }],
      });
    }
    return found;
  },
};
