import type { DetectedContactInput } from '../../model/detected';
import type { Detector } from '../types';
import { isInsideCode, isUsableEmail } from '../rules';
import { PageScan } from '../scan';
import { describeElement } from '../evidence';
import { nameFromLinkText } from '../field-values';
import { contactRole } from './placement';

/** `mailto:a@x.org,b@y.org?subject=…` → the addresses, lower-cased, that are usable (see rules). */
export function addressesFromMailto(href: string): string[] {
  const body = href.slice('mailto:'.length).split('?')[0] ?? '';
  let decoded: string;
  try {
    // Without a "%" there is nothing to decode, and decoding is the costly part.
    decoded = body.includes('%') ? decodeURIComponent(body) : body;
  } catch {
    return [];
  }
  // One address (the usual case) needs no splitting.
  const parts = decoded.includes(',') || decoded.includes(';') ? decoded.split(/[,;]/) : [decoded];
  return parts.map((part) => part.trim().toLowerCase()).filter(isUsableEmail);
}

/**
 * `<a href="mailto:…">`: the address, and the link text as the name when it reads like one
 * ("Ada Lovelace", not "Email us" or the address again).
 * Test URLs: any page with a contact link, e.g. the demo page of `npm start`.
 */
export const mailtoDetector: Detector = {
  name: 'mailto',
  matches: () => true,
  detect(root, _url, scan = new PageScan(root)) {
    const found: DetectedContactInput[] = [];
    // The browser's selector engine picks the links (see scan.ts), far faster than script would.
    for (const link of scan.pageLinks.mailto) {
      const href = link.getAttribute('href') ?? '';
      if (!/^mailto:/i.test(href)) continue;
      const emails = addressesFromMailto(href);
      if (emails.length === 0 || isInsideCode(link)) continue;
      const name = emails.length === 1 ? nameFromLinkText(link.textContent?.slice(0, 200) ?? '') : undefined;
      found.push({
        ...(name ? { name } : {}),
        ...(name && contactRole(link) ? { role: 'contact' as const } : {}),
        emails,
        evidence: [{ detector: 'mailto', element: describeElement(link) }],
      });
    }
    return found;
  },
};
