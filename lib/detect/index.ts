import type { DetectedContactInput, PageContextInput } from '../model/detected';
import { GENERIC_DETECTORS } from './detectors';
import { mergeDetections } from './merge';
import { SITE_ADAPTERS } from './sites';
import type { DetectionResult, SignedInUser } from './types';

export type { DetectionResult, Detector, SiteAdapter, SiteReading, SignedInUser } from './types';

/** Caps what one page can report: a hostile page cannot flood the background. */
export const MAX_CONTACTS_PER_PAGE = 500;

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
 * The detection contract: pure and synchronous over any DOM. The site adapter for the URL (if
 * any) reads first, so its reading of a person wins name conflicts; then the open-standard
 * detectors. A detector that throws on broken markup loses only its own findings, never the
 * page's; the signed-in user is never among the results.
 */
export function detect(root: ParentNode, url: string): DetectionResult {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return { contacts: [] };
  }
  const found: DetectedContactInput[] = [];
  let context: PageContextInput | undefined;
  let signedInUser: SignedInUser | undefined;

  const adapter = SITE_ADAPTERS.find((candidate) => candidate.matches(parsedUrl));
  if (adapter) {
    try {
      const reading = adapter.read(root, parsedUrl);
      found.push(...reading.contacts);
      context = reading.context;
      signedInUser = reading.signedInUser;
    } catch (error) {
      console.warn(`[sidebar-crm] site adapter ${adapter.name} failed`, error);
    }
  }
  for (const detector of GENERIC_DETECTORS) {
    if (!detector.matches(parsedUrl)) continue;
    try {
      found.push(...detector.detect(root, parsedUrl));
    } catch (error) {
      console.warn(`[sidebar-crm] detector ${detector.name} failed`, error);
    }
  }
  const contacts = mergeDetections(found)
    .filter((contact) => !isSignedInUser(contact, signedInUser))
    .slice(0, MAX_CONTACTS_PER_PAGE);
  return context ? { contacts, context } : { contacts };
}
