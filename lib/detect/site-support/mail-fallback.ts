/**
 * The generic webmail reader, for when a site's own reader no longer knows the page (its classes
 * renamed, its message elements moved): each mail reader declares what a page of its kind must
 * yield (a thread: a subject and a participant), and when its reading falls short, this reads
 * what webmail keeps for accessibility and hovercards whatever the markup: `[email]` attributes,
 * hovercard targets holding an address, `aria-label`s with an address, and mailto links. The
 * reading then says it came from the fallback, with a redacted outline of the page for a bug
 * report (page-outline.ts). Pure DOM code.
 */
import type { DetectedContactInput, DetectionReaderInput, PageContextInput } from '../../model/detected';
import type { SignedInUser, SiteAdapter, SiteReading } from '../types';
import type { Site } from '../sites/site';
import { addressesFromMailto } from '../detectors/mailto';
import { describeElement } from '../evidence';
import { Participants, personName } from './mail-participants';
import { asEmail, emailsIn, textOf } from './page-text';
import { pageOutline } from './page-outline';
import { siteAdapter } from './site-adapter';

export const FALLBACK_DETECTOR = 'mail-fallback';

/** What a mail page lacks against its kind's expectation; `ifFound`: only worth saying when the fallback finds someone (an empty list is no changed page). */
export interface MailShortfall {
  missing: string;
  ifFound?: boolean;
}

/** A mail reader's reading, and what it lacks against what a page of its kind must yield (the reader's own declaration). */
export interface MailReading {
  reading: SiteReading;
  shortfall?: MailShortfall;
}

/** A mail reader's result from its parts, each optional part only when present. */
export function mailReading(
  contacts: DetectedContactInput[],
  parts: { context?: PageContextInput; signedInUser?: SignedInUser; shortfall?: MailShortfall },
): MailReading {
  const { context, signedInUser, shortfall } = parts;
  return {
    reading: { contacts, ...(context ? { context } : {}), ...(signedInUser ? { signedInUser } : {}) },
    ...(shortfall ? { shortfall } : {}),
  };
}

const MAX_ELEMENTS = 500;
const ATTRIBUTES = '[email], [data-hovercard-id], [data-lpc-hover-target-id], [aria-label*="@"]';

/** "From: Grace Hopper <grace@cobol.dev>" → "Grace Hopper"; what stands before the address, label and brackets off. */
function nameBefore(label: string, email: string): string | undefined {
  const before = label.slice(0, label.toLowerCase().indexOf(email)).replace(/^[^:]{1,20}:\s*/, '').replace(/[<(\s]+$/, '');
  return personName(before, email);
}

/**
 * Everyone the page's own people attributes name, as participants (`to`: the fallback cannot tell
 * who wrote), and the mailto links' people as mentioned.
 */
export function readMailFallback(root: ParentNode, excluded: readonly string[] = []): DetectedContactInput[] {
  const people = new Participants(FALLBACK_DETECTOR);
  let read = 0;
  for (const element of root.querySelectorAll(ATTRIBUTES)) {
    if ((read += 1) > MAX_ELEMENTS) break;
    const direct =
      asEmail(element.getAttribute('email')) ??
      emailsIn(element.getAttribute('data-hovercard-id')).at(0) ??
      // Outlook's persona targets read "lpc-<address>" (or an opaque "lpc-<n>").
      asEmail(element.getAttribute('data-lpc-hover-target-id')?.replace(/^lpc-/, ''));
    const label = element.getAttribute('aria-label') ?? '';
    for (const email of direct ? [direct] : emailsIn(label).slice(0, 20)) {
      const name =
        personName(element.getAttribute('name'), email) ??
        personName(element.getAttribute('data-name'), email) ??
        nameBefore(label, email) ??
        personName(textOf(element).split('<')[0], email);
      people.add(email, name, 'to', element);
    }
  }
  const skip = new Set(excluded);
  const found = people.list(skip);
  const known = new Set(found.flatMap((person) => person.emails ?? []));
  const mentioned: DetectedContactInput[] = [];
  for (const link of [...root.querySelectorAll('a[href^="mailto:" i]')].slice(0, MAX_ELEMENTS)) {
    const email = addressesFromMailto(link.getAttribute('href') ?? '')[0];
    if (!email || skip.has(email) || known.has(email)) continue;
    known.add(email);
    const name = personName(textOf(link), email);
    mentioned.push({ ...(name ? { name } : {}), emails: [email], role: 'mentioned', evidence: [{ detector: FALLBACK_DETECTOR, element: describeElement(link) }] });
  }
  return [...found, ...mentioned];
}

/**
 * A webmail site's adapter: its own reading, checked against what a page of its kind must yield;
 * short of that, the generic fallback's people join it and the reading says so.
 */
export function mailAdapter(site: Site & { name: DetectionReaderInput['site'] }, read: (root: ParentNode, url: URL) => MailReading): SiteAdapter {
  return siteAdapter(site, (root, url) => {
    const { reading, shortfall } = read(root, url);
    if (!shortfall) return reading;
    // Who the site's reader already has keeps its reading (role, name); the fallback adds the rest.
    const found = readMailFallback(root, [...(reading.signedInUser?.emails ?? []), ...reading.contacts.flatMap((person) => person.emails ?? [])]);
    if (shortfall.ifFound && found.length === 0) return reading;
    return {
      ...reading,
      contacts: [...reading.contacts, ...found],
      reader: { site: site.name, fallback: true, missing: shortfall.missing.slice(0, 200), outline: pageOutline(root) },
    };
  });
}
