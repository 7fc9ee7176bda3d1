import type { DetectedContactInput, DetectionLimit, DetectionReaderInput, PageContextInput } from '../model/detected';
import type { PageScan } from './scan';
import type { Site } from './sites/site';

/**
 * A generic detector reads an open standard (mailto:, tel:, h-card, schema.org, rel=me, text)
 * on any page. Pure and synchronous over a DOM; it must not throw on broken markup (the caller
 * guards anyway) and must not touch anything outside `root`. `scan` is the run's shared reading
 * of `root` (see scan.ts); a detector called on its own makes its own.
 */
export interface Detector {
  name: string;
  matches(url: URL): boolean;
  detect(root: ParentNode, url: URL, scan?: PageScan): DetectedContactInput[];
}

/** Who is signed in to the site: never proposed as a contact, by any detector. */
export interface SignedInUser {
  emails?: string[];
  profileUrls?: string[];
}

export interface SiteReading {
  contacts: DetectedContactInput[];
  context?: PageContextInput;
  signedInUser?: SignedInUser;
  /** Set when the site's reader fell short and the generic mail fallback read the page. */
  reader?: DetectionReaderInput;
}

/**
 * A site adapter knows one site's DOM (Gmail, Outlook on the web, LinkedIn, GitHub): the same
 * small shape as a detector, plus what the page is about and who is signed in. `name` and
 * `matches` are its site's (lib/detect/sites/<site>.ts), which it carries for the manifest.
 */
export interface SiteAdapter {
  site: Site;
  name: string;
  matches(url: URL): boolean;
  read(root: ParentNode, url: URL): SiteReading;
}

export interface DetectionResult {
  contacts: DetectedContactInput[];
  context?: PageContextInput;
  /** Each cap reached on the page (absent when none was): what was read of how much was found. */
  limits?: DetectionLimit[];
  /** Set when a generic fallback read a site's page (the site reader's `reader`). */
  reader?: DetectionReaderInput;
}
