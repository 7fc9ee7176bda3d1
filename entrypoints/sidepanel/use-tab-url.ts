import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/** The address of a tab, kept current as it navigates. */
export function useTabUrl(tabId: number | undefined): string | undefined {
  const [known, setKnown] = useState<{ tabId: number; url: string | undefined } | null>(null);

  useEffect(() => {
    if (tabId === undefined) return;
    let cancelled = false;
    browser.tabs.get(tabId).then(
      (tab) => !cancelled && setKnown({ tabId, url: tab.url }),
      () => !cancelled && setKnown({ tabId, url: undefined }),
    );
    const onUpdated = (updatedId: number, change: { url?: string }) => {
      if (updatedId === tabId && change.url) setKnown({ tabId, url: change.url });
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      cancelled = true;
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [tabId]);

  return known && known.tabId === tabId ? known.url : undefined;
}
