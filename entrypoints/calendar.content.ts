import { runDetection } from '@/lib/content/run-detection';
import { siteMatchesOf } from '@/lib/detect/engine';
import { CALENDAR_ENGINE } from '@/lib/detect/engines/calendar';

/** Google Calendar: the organizer and guests of the event open in its details dialog or page. */
export default defineContentScript({
  matches: siteMatchesOf(CALENDAR_ENGINE),
  runAt: 'document_idle',
  main: (ctx) => runDetection(ctx, CALENDAR_ENGINE),
});
