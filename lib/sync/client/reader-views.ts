/**
 * Which of the extension's open pages read the book while the user types or looks: their reads
 * wait behind a sync's write transactions, so a sync applies pulled rows in short transactions
 * only while one of them is open (./apply-slices.ts). Options (where a first sync is usually
 * started) and the sample page are not among them.
 */
import { extensionPagePath } from '../../messaging/extension-page';

const READER_PAGES = new Set(['/sidepanel.html', '/board.html', '/analytics.html']);

/** An open extension context, as `runtime.getContexts` lists it (the browser says, not the page). */
export interface OpenContext {
  documentUrl?: string;
}

/** Whether any of `contexts` is one of this extension's reader pages. */
export function readerViewOpen(contexts: readonly OpenContext[], extensionOrigin: string): boolean {
  return contexts.some(({ documentUrl }) => READER_PAGES.has(extensionPagePath(documentUrl, extensionOrigin) ?? ''));
}
