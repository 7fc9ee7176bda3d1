import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { TabDetections } from '@/lib/model';
import { parseTabDetections, readTabDetections, tabDetectionsKey } from '@/lib/session/tab-detections';

export type TabDetectionsState =
  | { status: 'loading' }
  | { status: 'ready'; detections: TabDetections | null };

/** The latest detections of a tab, kept current as the background stores new ones. */
export function useTabDetections(tabId: number | undefined): TabDetectionsState {
  // Remembering which tab a result belongs to makes a tab switch read as "loading" at once.
  const [loaded, setLoaded] = useState<{ tabId: number; detections: TabDetections | null } | null>(null);

  useEffect(() => {
    if (tabId === undefined) return;
    let cancelled = false;
    void readTabDetections(tabId).then((detections) => {
      if (!cancelled) setLoaded({ tabId, detections });
    });
    const key = tabDetectionsKey(tabId);
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session' || !(key in changes)) return;
      setLoaded({ tabId, detections: parseTabDetections(changes[key]?.newValue) });
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      cancelled = true;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId]);

  return loaded && loaded.tabId === tabId ? { status: 'ready', detections: loaded.detections } : { status: 'loading' };
}
