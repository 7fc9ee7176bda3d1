import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/**
 * The tab the panel speaks about: the pinned one, or the active tab of the panel's window,
 * followed across tab switches. Navigation within a tab keeps the id; its detections change.
 */
export function useActiveTabId(pinnedTabId: number | undefined): number | undefined {
  const [activeTabId, setActiveTabId] = useState<number | undefined>(pinnedTabId);

  useEffect(() => {
    if (pinnedTabId !== undefined) return;
    let windowId: number | undefined;
    let cancelled = false;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (cancelled || !tab) return;
      windowId = tab.windowId;
      setActiveTabId(tab.id);
    });
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (windowId === undefined || info.windowId === windowId) setActiveTabId(info.tabId);
    };
    browser.tabs.onActivated.addListener(onActivated);
    return () => {
      cancelled = true;
      browser.tabs.onActivated.removeListener(onActivated);
    };
  }, [pinnedTabId]);

  return pinnedTabId ?? activeTabId;
}
