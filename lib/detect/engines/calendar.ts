import { mailtoDetector } from '../detectors/mailto';
import { telDetector } from '../detectors/tel';
import type { DetectionEngine } from '../engine';
import { googleCalendarAdapter } from '../sites/google-calendar.dom';

/** Google Calendar: the open event's organizer and guests, plus what its description links to. */
export const CALENDAR_ENGINE: DetectionEngine = {
  adapters: [googleCalendarAdapter],
  detectors: [mailtoDetector, telDetector],
};
