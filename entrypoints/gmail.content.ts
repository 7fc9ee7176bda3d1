import { runDetection } from '@/lib/content/run-detection';
import { GMAIL_ENGINE } from '@/lib/detect/engines/gmail';
import { GMAIL_MATCHES } from '@/lib/detect/hosts';

/** Gmail: the open thread's participants and the compose window's recipients. */
export default defineContentScript({
  matches: GMAIL_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => runDetection(ctx, GMAIL_ENGINE),
});
