import { mailtoDetector } from '../detectors/mailto';
import { telDetector } from '../detectors/tel';
import { textDetector } from '../detectors/text';
import type { DetectionEngine } from '../engine';
import { outlookCalendarAdapter } from '../sites/outlook-calendar.dom';
import { outlookAdapter } from '../sites/outlook.dom';

/** Outlook on the web: the reading pane's people and the open calendar event's, plus what signatures carry. */
export const OUTLOOK_ENGINE: DetectionEngine = {
  adapters: [outlookAdapter, outlookCalendarAdapter],
  detectors: [mailtoDetector, telDetector, textDetector],
};
