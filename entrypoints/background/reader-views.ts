import { browser } from 'wxt/browser';
import { readerViewOpen } from '@/lib/sync/client/reader-views';

/** How long the browser's last answer stands: a panel opened mid-sync is heard within this, plus one slice. */
const FRESH_MS = 1_000;

let open = true; // until the browser has answered, as if a reader were open (short transactions)
let askedAt = Number.NEGATIVE_INFINITY;
let asking = false;

async function ask(): Promise<void> {
  try {
    const contexts = await browser.runtime.getContexts({});
    open = readerViewOpen(contexts, browser.runtime.getURL('/'));
  } catch {
    open = true; // a browser without runtime.getContexts: keep the panel's transactions short
  }
}

/**
 * Whether the side panel, Board or Analytics is open, for the sync's apply (SyncOptions.readerOpen):
 * answered at once from the browser's last answer, which is asked again when older than a second.
 */
export function readerOpenNow(): boolean {
  const now = Date.now();
  if (!asking && now - askedAt >= FRESH_MS) {
    asking = true;
    askedAt = now;
    void ask().finally(() => {
      asking = false;
    });
  }
  return open;
}
