import { mailtoDetector } from '../detectors/mailto';
import { telDetector } from '../detectors/tel';
import { textDetector } from '../detectors/text';
import type { DetectionEngine } from '../engine';
import { gmailAdapter } from '../sites/gmail.dom';

/** Gmail: the thread's participants, plus what signatures carry (links, phones, addresses). */
export const GMAIL_ENGINE: DetectionEngine = {
  adapters: [gmailAdapter],
  detectors: [mailtoDetector, telDetector, textDetector],
};
