import { OUTLOOK_COMPOSE } from '@/lib/content/compose-sites';
import { runDetection } from '@/lib/content/run-detection';
import { startTemplateButtons } from '@/lib/content/template-button';
import { siteMatchesOf } from '@/lib/detect/engine';
import { OUTLOOK_ENGINE } from '@/lib/detect/engines/outlook';

/** Outlook on the web: sender and recipients of the message in the reading pane; a Templates button on each compose box. */
export default defineContentScript({
  matches: siteMatchesOf(OUTLOOK_ENGINE),
  runAt: 'document_idle',
  main: (ctx) => {
    void startTemplateButtons(ctx, OUTLOOK_COMPOSE);
    return runDetection(ctx, OUTLOOK_ENGINE);
  },
});
