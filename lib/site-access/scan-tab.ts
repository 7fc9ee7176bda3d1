import { browser } from 'wxt/browser';

/** The built content script; the same file the manifest registers for the supported sites. */
export const CONTENT_SCRIPT_FILE = '/content-scripts/page.js';

export type ScanOutcome = { ok: true } | { ok: false; reason: 'no-access' | 'not-a-web-page' | 'failed'; message: string };

/**
 * Reads a page the manifest does not cover, once: works where the user granted access to the tab
 * (activeTab, from the toolbar button, the context menu or a shortcut) or to its site.
 */
export async function scanTab(tabId: number, url: string | undefined): Promise<ScanOutcome> {
  if (!url || !/^https?:/.test(url)) {
    return { ok: false, reason: 'not-a-web-page', message: 'Only web pages (http or https) can be scanned.' };
  }
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const noAccess = /permission|cannot access|host/i.test(message);
    return noAccess
      ? { ok: false, reason: 'no-access', message: 'Sidebar CRM may not read this page yet.' }
      : { ok: false, reason: 'failed', message: `Could not scan this page: ${message}` };
  }
}
