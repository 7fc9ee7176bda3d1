import { OUTLOOK_COMPOSE } from '@/lib/content/compose-sites';
import { runDetection } from '@/lib/content/run-detection';
import { startTemplateButtons } from '@/lib/content/template-button';
import { OUTLOOK_ENGINE } from '@/lib/detect/engines/outlook';
import { OUTLOOK_MATCHES } from '@/lib/detect/hosts';

/** Outlook on the web: sender and recipients of the message in the reading pane; a Templates button on each compose box. */
export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => {
    void startTemplateButtons(ctx, OUTLOOK_COMPOSE);
    return runDetection(ctx, OUTLOOK_ENGINE);
  },
});
