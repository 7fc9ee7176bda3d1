import { browser } from 'wxt/browser';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/detect/hosts';
import { ScanScheduler } from '@/lib/detect/observe';

/**
 * Reports the people on the page to the background. The scheduler owns when to scan (load, SPA
 * navigation, DOM changes, visibility) and the time budget; this file only wires it to the
 * extension. Runs on the supported sites; other pages get it on demand (see README).
 */
export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const scheduler = new ScanScheduler({
      document,
      url: () => location.href,
      signal: ctx.signal,
      report: ({ contacts, context }) => {
        const report = { type: 'detections' as const, url: location.href, title: document.title, contacts, context };
        browser.runtime.sendMessage(report).catch(() => scheduler.resendNextResult());
      },
    });
    scheduler.start();
    ctx.addEventListener(window, 'wxt:locationchange', () => scheduler.requestFullScan());
  },
});
