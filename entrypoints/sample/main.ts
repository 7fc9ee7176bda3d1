/**
 * The sample page reads itself: it is one of the extension's own pages, where no content script
 * runs, so it runs the generic page engine (the one "Scan this page" injects) over its own markup
 * and sends the people to the background, which shows them in the panel for this tab only.
 */
import { detectWith } from '@/lib/detect/engine';
import { PAGE_ENGINE } from '@/lib/detect/engines/page';
import { sendToBackground } from '@/lib/messaging/send';

const { contacts } = detectWith(PAGE_ENGINE, document, location.href);
void sendToBackground({ type: 'sample-detections', title: document.title, contacts }).then((answer) => {
  if (!answer.ok) console.warn('[sidebar-crm] the sample page could not report its people:', answer.error);
});
