import type { DetectedContactInput } from '../model/detected';
import { GENERIC_DETECTORS } from './detectors';
import { mergeDetections } from './merge';
import { SITE_ADAPTERS } from './sites';
import type { DetectionResult, SignedInUser, SiteReading } from './types';

export type { DetectionResult, Detector, SiteAdapter, SiteReading, SignedInUser } from './types';

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
export function readSite(root: ParentNode, url: URL): SiteReading | undefined {
  const adapter = SITE_ADAPTERS.find((candidate) => candidate.matches(url));
  if (!adapter) return undefined;
  try {
    return adapter.read(root, url);
  } catch (error) {
    console.warn(`[sidebar-crm] site adapter ${adapter.name} failed`, error);
    return undefined;
  }
}

/** The open-standard detectors over one subtree; one that throws loses only its own findings. */
export function detectGeneric(root: ParentNode, url: URL): DetectedContactInput[] {
  const found: DetectedContactInput[] = [];
  for (const detector of GENERIC_DETECTORS) {
    if (!detector.matches(url)) continue;
    try {
      found.push(...detector.detect(root, url));
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

/** Merges one person's detections, drops the signed-in user, caps the count. */
export function finishDetection(found: DetectedContactInput[], reading: SiteReading | undefined): DetectionResult {
  const contacts = mergeDetections(found)
    .filter((contact) => !isSignedInUser(contact, reading?.signedInUser))
    .slice(0, MAX_CONTACTS_PER_PAGE);
  return reading?.context ? { contacts, context: reading.context } : { contacts };
}

/**
 * The detection contract: pure and synchronous over any DOM. The site adapter for the URL (if
 * any) reads first, so its reading of a person wins name conflicts; then the open-standard
 * detectors. Broken markup yields fewer contacts, never an exception; the signed-in user is
 * never among the results.
 */
export function detect(root: ParentNode, url: string): DetectionResult {
  const parsedUrl = parseUrl(url);
  if (!parsedUrl) return { contacts: [] };
  const reading = readSite(root, parsedUrl);
  return finishDetection([...(reading?.contacts ?? []), ...detectGeneric(root, parsedUrl)], reading);
}

/** Whether a site adapter reads this URL (its pages are re-read whole, for their context). */
export function hasSiteAdapter(url: string): boolean {
  const parsedUrl = parseUrl(url);
  return !!parsedUrl && SITE_ADAPTERS.some((adapter) => adapter.matches(parsedUrl));
}
