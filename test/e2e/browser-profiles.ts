import type { BrowserContext, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from './extension-fixture';

/** One Chromium profile with the extension loaded: a browser of its own. */
export interface Profile {
  context: BrowserContext;
  extensionId: string;
  /** chrome-extension://<id>/<page> */
  url(page: string): string;
}

/**
 * The `profiles` fixture of the multi-browser specs (sync, teams): `open()` starts one more
 * profile in a fresh directory; all are closed and deleted after the test.
 */
// eslint-disable-next-line no-empty-pattern
export async function profilesFixture({}: object, use: (profiles: { open(): Promise<Profile> }) => Promise<void>): Promise<void> {
  const opened: Array<{ context: BrowserContext; dir: string }> = [];
  await use({
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sidebar-crm-e2e-'));
      const context = await launchWithExtension(dir);
      opened.push({ context, dir });
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const extensionId = new URL(worker.url()).host;
      return { context, extensionId, url: (page) => `chrome-extension://${extensionId}/${page}` };
    },
  });
  for (const { context, dir } of opened) {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opens the fixture team page (Ada Lovelace and colleagues) in `profile` and the side panel
 * pinned to its tab, then brings the page back to the front (a hidden page is not scanned).
 */
export async function openPanelBesideTeamPage(profile: Profile, pagesOrigin: string): Promise<Page> {
  const page = await profile.context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const worker = profile.context.serviceWorkers()[0]!;
  const tabId = await worker.evaluate(async (url) => {
    const { tabs } = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome;
    return (await tabs.query({})).find((tab) => tab.url === url)?.id ?? -1;
  }, page.url());
  const panel = await profile.context.newPage();
  await panel.goto(profile.url(`sidepanel.html?tab=${tabId}`));
  await page.bringToFront();
  return panel;
}
