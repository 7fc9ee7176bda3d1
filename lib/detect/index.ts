import type { DetectedContactInput } from '../model/detected';
import { mailtoDetector } from './detectors/mailto';
import { mergeDetections } from './merge';
import type { DetectionResult, Detector } from './types';

export type { DetectionResult, Detector } from './types';

/**
 * Every detector, in order of trust: site adapters (added with the full detector) before the
 * generic open-standard ones, so a site's own reading of a person wins name conflicts.
 */
export const DETECTORS: readonly Detector[] = [mailtoDetector];

/** Caps what one page can report: a hostile page cannot flood the background. */
export const MAX_CONTACTS_PER_PAGE = 500;

/**
 * The detection contract: pure and synchronous over any DOM. A detector that throws on broken
 * markup loses only its own findings, never the page's.
 */
export function detect(root: ParentNode, url: string): DetectionResult {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return { contacts: [] };
  }
  const found: DetectedContactInput[] = [];
  for (const detector of DETECTORS) {
    if (!detector.matches(parsedUrl)) continue;
    try {
      found.push(...detector.detect(root, parsedUrl));
    } catch (error) {
      console.warn(`[sidebar-crm] detector ${detector.name} failed`, error);
    }
  }
  return { contacts: mergeDetections(found).slice(0, MAX_CONTACTS_PER_PAGE) };
}
