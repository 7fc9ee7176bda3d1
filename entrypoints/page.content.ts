import { browser } from 'wxt/browser';
import { detect } from '@/lib/detect';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/detect/hosts';

/** While the DOM keeps changing, re-scan at most this often: SPAs mutate in bursts. */
const RESCAN_DELAY_MS = 750;

/**
 * Reports the people on the page to the background: at load, after SPA navigation, and (throttled)
 * after DOM changes. Only visible pages are scanned; an unchanged result is not sent again.
 */
export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    let lastReport = '';
    let timer: number | undefined;

    const scan = () => {
      timer = undefined;
      if (document.hidden || ctx.isInvalid) return;
      const { contacts, context } = detect(document, location.href);
      const report = { type: 'detections' as const, url: location.href, title: document.title, contacts, context };
      const serialized = JSON.stringify(report);
      if (serialized === lastReport) return;
      lastReport = serialized;
      browser.runtime.sendMessage(report).catch(() => {
        lastReport = ''; // the background did not get it: send again next time
      });
    };
    const scheduleScan = () => {
      if (timer === undefined) timer = ctx.setTimeout(scan, RESCAN_DELAY_MS);
    };

    scan();
    ctx.addEventListener(document, 'visibilitychange', () => scan());
    ctx.addEventListener(window, 'wxt:locationchange', () => scan());
    const observer = new MutationObserver(scheduleScan);
    observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true, characterData: true });
    ctx.onInvalidated(() => observer.disconnect());
  },
});
