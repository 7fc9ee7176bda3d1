import { runDetection } from '@/lib/content/run-detection';
import { OUTLOOK_ENGINE } from '@/lib/detect/engines/outlook';
import { OUTLOOK_MATCHES } from '@/lib/detect/hosts';

/** Outlook on the web: sender and recipients of the message in the reading pane. */
export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => runDetection(ctx, OUTLOOK_ENGINE),
});
