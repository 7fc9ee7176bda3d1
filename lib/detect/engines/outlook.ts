import { mailtoDetector } from '../detectors/mailto';
import { telDetector } from '../detectors/tel';
import { textDetector } from '../detectors/text';
import type { DetectionEngine } from '../engine';
import { outlookAdapter } from '../sites/outlook.dom';

/** Outlook on the web: the reading pane's people, plus what signatures carry. */
export const OUTLOOK_ENGINE: DetectionEngine = {
  adapters: [outlookAdapter],
  detectors: [mailtoDetector, telDetector, textDetector],
};
