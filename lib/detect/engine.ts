import type { DetectedContactInput, DetectionLimit } from '../model/detected';
import { mergeDetections } from './merge';
import { PageScan } from './scan';
import type { DetectionResult, Detector, SignedInUser, SiteAdapter, SiteReading } from './types';

/**
 * Which site adapters and open-standard detectors one content script carries. Each content
 * script bundles only its own (the Gmail one has no LinkedIn code), which keeps every script
 * small; `lib/detect/index.ts` composes the full set for the CLI and tests.
 */
export interface DetectionEngine {
  adapters: readonly SiteAdapter[];
  detectors: readonly Detector[];
}

/**
 * The content-script match patterns of an engine: the hosts of the sites whose adapters it
 * carries, so a content script's `matches` follow from the readers in its bundle (once each:
 * Outlook's mail and calendar readers share their hosts).
 */
export function siteMatchesOf(engine: DetectionEngine): string[] {
  return [...new Set(engine.adapters.flatMap((adapter) => adapter.site.matches))];
}

/** Caps what one page can report: a hostile page cannot flood the background. */
export const MAX_CONTACTS_PER_PAGE = 500;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The site adapter's reading of the page, when one knows this site. */
export function readSite(engine: DetectionEngine, root: ParentNode, url: URL): SiteReading | undefined {
  const adapter = engine.adapters.find((candidate) => candidate.matches(url));
  if (!adapter) return undefined;
  try {
    return adapter.read(root, url);
  } catch (error) {
    console.warn(`[sidebar-crm] site adapter ${adapter.name} failed`, error);
    return undefined;
  }
}

/**
 * The open-standard detectors over one subtree; one that throws loses only its own findings. The
 * caps they reach are added to `limits`.
 */
export function detectGeneric(engine: DetectionEngine, root: ParentNode, url: URL, limits: DetectionLimit[] = []): DetectedContactInput[] {
  const found: DetectedContactInput[] = [];
  const scan = new PageScan(root, limits);
  for (const detector of engine.detectors) {
    if (!detector.matches(url)) continue;
    try {
      found.push(...detector.detect(root, url, scan));
    } catch (error) {
      console.warn(`[sidebar-crm] detector ${detector.name} failed`, error);
    }
  }
  return found;
}

function isSignedInUser(contact: DetectedContactInput, user: SignedInUser | undefined): boolean {
  if (!user) return false;
  const emails = new Set((user.emails ?? []).map((email) => email.toLowerCase()));
  const profiles = new Set(user.profileUrls ?? []);
  return (
    (contact.emails ?? []).some((email) => emails.has(email.toLowerCase())) ||
    (contact.profiles ?? []).some((profile) => profiles.has(profile.url))
  );
}

/**
 * Merges one person's detections, drops the signed-in user, keeps only the owner on a profile
 * page, caps the count. The site's own accounts (brand-accounts.ts) are dropped where a reading
 * is used — the background, as a report arrives, and `detect()` — not here: content scripts
 * stay under 40 KB, and the filter needs no DOM. Of the caps reached,
 * the first of each kind is kept: the people shown, then the whole page's before its added parts'.
 */
export function finishDetection(found: DetectedContactInput[], reading: SiteReading | undefined, limits: DetectionLimit[] = []): DetectionResult {
  // A profile page proposes its owner only (README: never "people also viewed", never an address
  // from a repository's description).
  const owner = reading?.context?.kind === 'profile';
  const people = mergeDetections(found).filter(
    (contact) => !isSignedInUser(contact, reading?.signedInUser) && (!owner || contact.role === 'subject'),
  );
  const contacts = people.slice(0, MAX_CONTACTS_PER_PAGE);
  const result: DetectionResult = reading?.context ? { contacts, context: reading.context } : { contacts };
  if (reading?.reader) result.reader = reading.reader;
  const caps = [{ what: 'people', read: contacts.length, found: people.length } as const, ...limits].filter(
    (limit, index, all) => limit.read < limit.found && all.findIndex((other) => other.what === limit.what) === index,
  );
  if (caps.length > 0) result.limits = caps;
  return result;
}

/**
 * The detection contract: pure and synchronous over any DOM. The site adapter for the URL (if
 * any) reads first, so its reading of a person wins name conflicts; then the open-standard
 * detectors. Broken markup yields fewer contacts, never an exception; the signed-in user is
 * never among the results.
 */
export function detectWith(engine: DetectionEngine, root: ParentNode, url: string): DetectionResult {
  const parsedUrl = parseUrl(url);
  if (!parsedUrl) return { contacts: [] };
  const reading = readSite(engine, root, parsedUrl);
  const limits: DetectionLimit[] = [];
  return finishDetection([...(reading?.contacts ?? []), ...detectGeneric(engine, root, parsedUrl, limits)], reading, limits);
}

/** Whether a site adapter reads this URL (its pages are re-read whole, for their context). */
export function hasSiteAdapter(engine: DetectionEngine, url: string): boolean {
  const parsedUrl = parseUrl(url);
  return !!parsedUrl && engine.adapters.some((adapter) => adapter.matches(parsedUrl));
}
