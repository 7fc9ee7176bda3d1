/**
 * The sync's apply keeps its transactions short only while a page that reads the book as the user
 * types is open (lib/sync/client/reader-views.ts): checked against what real Chromium's
 * `runtime.getContexts` says of the extension's open pages, as the service worker asks it.
 */
import { expect } from '@playwright/test';
import { readerViewOpen, type OpenContext } from '@/lib/sync/client/reader-views';
import { test } from './extension-fixture';

test('the side panel and Board count as readers; Options does not; a closed panel stops counting', async ({ context, extensionId }) => {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const origin = `chrome-extension://${extensionId}/`;
  const readerOpen = async () => {
    const contexts = await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getContexts(filter: object): Promise<OpenContext[]> } } }).chrome.runtime.getContexts({}));
    return readerViewOpen(contexts, origin);
  };
  const options = await context.newPage();
  await options.goto(`${origin}options.html`);
  expect(await readerOpen()).toBe(false);

  const panel = await context.newPage();
  await panel.goto(`${origin}sidepanel.html`);
  await expect.poll(readerOpen).toBe(true);
  await panel.close();
  await expect.poll(readerOpen).toBe(false);

  const board = await context.newPage();
  await board.goto(`${origin}board.html`);
  await expect.poll(readerOpen).toBe(true);
});
