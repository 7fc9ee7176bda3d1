import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentScriptRuntime } from '../messaging/content-script-runtime';
import type { DetectionEngine } from '../detect/engine';
import { ScanScheduler } from '../detect/observe';
import type { DetectionResult } from '../detect/types';
import { isPaused, onPausedChange } from '../site-access/paused-sites';

/**
 * What every content script does with its engine: report the people on the page to the
 * background. The scheduler owns when to scan (load, SPA navigation, DOM changes, visibility)
 * and the time budget; this wires it to the extension and to the user's per-site pause.
 */
export async function runDetection(ctx: ContentScriptContext, engine: DetectionEngine): Promise<void> {
  const host = location.hostname;
  const send = ({ contacts, context, limits, reader }: DetectionResult) =>
    (browser.runtime as ContentScriptRuntime).sendMessage({ type: 'detections', url: location.href, title: document.title, contacts, context, limits, reader });

  let running: { scheduler: ScanScheduler; stop: AbortController } | undefined;
  const start = () => {
    if (running || ctx.isInvalid) return;
    const stop = new AbortController();
    ctx.onInvalidated(() => stop.abort());
    const scheduler = new ScanScheduler({
      engine,
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
}
