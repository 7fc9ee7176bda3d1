import { browser } from 'wxt/browser';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/detect/hosts';
import { ScanScheduler } from '@/lib/detect/observe';
import type { DetectionResult } from '@/lib/detect/types';
import { isPaused, onPausedChange } from '@/lib/site-access/paused-sites';

/**
 * Reports the people on the page to the background. The scheduler owns when to scan (load, SPA
 * navigation, DOM changes, visibility) and the time budget; this file wires it to the extension
 * and to the user's per-site pause. Runs on the supported sites, on sites the user opted into,
 * and once on any page the user asks to scan (README: "Where it reads pages").
 */
export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    const host = location.hostname;
    const send = ({ contacts, context }: DetectionResult) =>
      browser.runtime.sendMessage({ type: 'detections', url: location.href, title: document.title, contacts, context });

    let running: { scheduler: ScanScheduler; stop: AbortController } | undefined;
    const start = () => {
      if (running || ctx.isInvalid) return;
      const stop = new AbortController();
      ctx.onInvalidated(() => stop.abort());
      const scheduler = new ScanScheduler({
        document,
        url: () => location.href,
        signal: stop.signal,
        report: (result) => void send(result).catch(() => scheduler.resendNextResult()),
      });
      running = { scheduler, stop };
      scheduler.start();
    };
    const pause = () => {
      running?.stop.abort();
      running = undefined;
      void send({ contacts: [] }).catch(() => undefined); // the panel stops showing this page's people
    };

    ctx.addEventListener(window, 'wxt:locationchange', () => running?.scheduler.requestFullScan());
    const unsubscribe = onPausedChange(host, (paused) => (paused ? pause() : start()));
    ctx.onInvalidated(unsubscribe);
    if (!(await isPaused(host))) start();
  },
});
