import { mailtoDetector } from '../detectors/mailto';
import { relMeDetector } from '../detectors/rel-me';
import { telDetector } from '../detectors/tel';
import type { DetectionEngine } from '../engine';
import { gitHubAdapter } from '../sites/github.dom';
import { linkedInAdapter } from '../sites/linkedin.dom';

/**
 * LinkedIn and GitHub profiles: the adapters read the owner (including LinkedIn's JSON-LD and
 * GitHub's vcard markup); links add what a profile's README or about section carries.
 */
export const PROFILES_ENGINE: DetectionEngine = {
  adapters: [linkedInAdapter, gitHubAdapter],
  detectors: [relMeDetector, mailtoDetector, telDetector],
};
