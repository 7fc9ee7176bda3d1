import { withoutBrandAccounts } from './brand-accounts';
import { GENERIC_DETECTORS } from './detectors';
import { detectWith, type DetectionEngine } from './engine';
import { SITE_ENGINES } from './engines';
import type { DetectionResult } from './types';

export type { DetectionResult, Detector, SiteAdapter, SiteReading, SignedInUser } from './types';
export { MAX_CONTACTS_PER_PAGE, type DetectionEngine } from './engine';

/** Every site reader's adapter, from the content scripts that carry them. */
export const SITE_ADAPTERS = Object.values(SITE_ENGINES).flatMap((engine) => engine.adapters);

/** Every site adapter and every open-standard detector: what the CLI and tests run. */
export const FULL_ENGINE: DetectionEngine = { adapters: SITE_ADAPTERS, detectors: GENERIC_DETECTORS };

/**
 * `detect(document, url)`: the detection contract (see engine.ts), with everything, as the
 * background keeps it: without the site's own accounts (brand-accounts.ts).
 */
export function detect(root: ParentNode, url: string): DetectionResult {
  const result = detectWith(FULL_ENGINE, root, url);
  return { ...result, contacts: withoutBrandAccounts(result.contacts) };
}
