import { GMAIL_COMPOSE } from '@/lib/content/compose-sites';
import { runDetection } from '@/lib/content/run-detection';
import { startTemplateButtons } from '@/lib/content/template-button';
import { siteMatchesOf } from '@/lib/detect/engine';
import { GMAIL_ENGINE } from '@/lib/detect/engines/gmail';

/** Gmail: the open thread's participants and the compose window's recipients; a Templates button on each compose box. */
export default defineContentScript({
  matches: siteMatchesOf(GMAIL_ENGINE),
  runAt: 'document_idle',
  main: (ctx) => {
    void startTemplateButtons(ctx, GMAIL_COMPOSE);
    return runDetection(ctx, GMAIL_ENGINE);
  },
});
