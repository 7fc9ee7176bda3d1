import { browser } from 'wxt/browser';
import { TabDetections, type TabDetectionsInput } from '../model/detected';

/**
 * Each tab's latest detections live in storage.session, not in service-worker memory: the worker
 * may be stopped at any time, and the side panel reads (and watches) the same keys directly.
 */
const PREFIX = 'tab-detections:';

export function tabDetectionsKey(tabId: number): string {
  return `${PREFIX}${tabId}`;
}

export function tabIdFromKey(key: string): number | null {
  if (!key.startsWith(PREFIX)) return null;
  const id = Number(key.slice(PREFIX.length));
  return Number.isInteger(id) ? id : null;
}

/**
 * Operations on one tab's key run one after another: a navigation's read-then-clear must not
 * interleave with the new page's report, or the report is cleared as if it were stale.
 */
const tabQueues = new Map<number, Promise<unknown>>();

function serializedForTab<T>(tabId: number, operation: () => Promise<T>): Promise<T> {
  const previous = tabQueues.get(tabId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(operation);
  tabQueues.set(tabId, next);
  void next.finally(() => {
    if (tabQueues.get(tabId) === next) tabQueues.delete(tabId);
  }).catch(() => undefined);
  return next;
}

export function saveTabDetections(detections: TabDetectionsInput): Promise<void> {
  return serializedForTab(detections.tabId, () =>
    browser.storage.session.set({ [tabDetectionsKey(detections.tabId)]: detections }),
  );
}

/** The stored detections of a tab, or null; anything unparseable counts as nothing stored. */
export async function readTabDetections(tabId: number): Promise<TabDetections | null> {
  const key = tabDetectionsKey(tabId);
  const stored = (await browser.storage.session.get(key))[key];
  return parseTabDetections(stored);
}

export function parseTabDetections(stored: unknown): TabDetections | null {
  if (stored === undefined) return null;
  const parsed = TabDetections.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export function clearTabDetections(tabId: number): Promise<void> {
  return serializedForTab(tabId, () => browser.storage.session.remove(tabDetectionsKey(tabId)));
}

/** A tab navigated: drop what was detected on the page it left, keep a report for the new URL. */
export function forgetIfNavigatedAway(tabId: number, newUrl: string): Promise<void> {
  return serializedForTab(tabId, async () => {
    const current = await readTabDetections(tabId);
    if (current && current.url !== newUrl) await browser.storage.session.remove(tabDetectionsKey(tabId));
  });
}
