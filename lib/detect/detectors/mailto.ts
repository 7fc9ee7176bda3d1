import type { DetectedContactInput } from '../../model/detected';
import type { Detector } from '../types';
import { selectAll } from '../dom';
import { isInsideCode, isUsableEmail } from '../rules';
import { describeElement, nameFromLinkText } from '../text';

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
  return decoded
    .split(/[,;]/)
    .map((part) => part.trim().toLowerCase())
    .filter(isUsableEmail);
}

/**
 * The browser's selector engine picks the mailto links far faster than filtering every link in
 * script; DOMs without case-insensitive attribute selectors get the slower, complete path.
 */
function mailtoLinks(root: ParentNode): Iterable<Element> {
  try {
    return selectAll(root, 'a[href^="mailto:" i]');
  } catch {
    return selectAll(root, 'a[href]');
  }
}

/**
 * `<a href="mailto:…">`: the address, and the link text as the name when it reads like one
 * ("Ada Lovelace", not "Email us" or the address again).
 * Test URLs: any page with a contact link, e.g. the demo page of `npm start`.
 */
export const mailtoDetector: Detector = {
  name: 'mailto',
  matches: () => true,
  detect(root) {
    const found: DetectedContactInput[] = [];
    for (const link of mailtoLinks(root)) {
      const href = link.getAttribute('href') ?? '';
      if (!/^mailto:/i.test(href)) continue;
      const emails = addressesFromMailto('mailto:' + href.slice(7));
      if (emails.length === 0 || isInsideCode(link)) continue;
      const name = emails.length === 1 ? nameFromLinkText(link.textContent?.slice(0, 200) ?? '') : undefined;
      found.push({
        ...(name ? { name } : {}),
        emails,
        evidence: [{ detector: 'mailto', element: describeElement(link) }],
      });
    }
    return found;
  },
};
