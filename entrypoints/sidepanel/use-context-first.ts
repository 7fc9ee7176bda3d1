import { useCallback, useEffect, useState } from 'react';

/**
 * Longest the list waits for the context view. Reading the tab's people takes a message to the
 * background and one indexed lookup; when that hangs, the list must not hang with it.
 */
const LIST_WAIT_MS = 400;

/**
 * The person in front of the user first, everyone else after: All contacts (hundreds of rows
 * read, sorted and rendered, with 100,000 stored) starts once "On this page" has settled, so the
 * two do not compete for IndexedDB and the main thread while the panel opens. Returns whether
 * the list may start, and the callback that says the context has settled.
 */
export function useContextFirst(): { listMayStart: boolean; contextSettled: () => void } {
  const [listMayStart, setListMayStart] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setListMayStart(true), LIST_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  const contextSettled = useCallback(() => setListMayStart(true), []);
  return { listMayStart, contextSettled };
}
