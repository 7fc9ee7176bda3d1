import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFolder } from './static-server';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The local-pages build (npm run test:e2e makes it): it may also read the fixtures on 127.0.0.1. */
export const EXTENSION_DIR = join(repoRoot, '.output/chrome-mv3-local-pages');
export const FIXTURE_PAGES = join(repoRoot, 'test/fixtures/pages');

/** Debian's Chromium (Playwright cannot download its own here); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchWithExtension(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

interface ExtensionFixtures {
  context: BrowserContext;
  extensionId: string;
  pagesOrigin: string;
  /** The same pages on 127.0.0.2: an origin the extension has no access to. */
  uncoveredOrigin: string;
  /**
   * Opens the side panel page in a tab of its own, pinned to `page`'s tab, then brings `page`
   * back to the front: a real side panel sits beside the page, and hidden pages are not scanned.
   */
  openPanelBeside: (page: Page) => Promise<Page>;
  /** The extension's id for a page's tab, looked up from an extension page. */
  tabIdOf: (url: string) => Promise<number>;
}

export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'sidebar-crm-e2e-'));
    const context = await launchWithExtension(userDataDir);
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },
  extensionId: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(worker.url()).host);
  },
  pagesOrigin: pagesOriginFixture,
  // eslint-disable-next-line no-empty-pattern
  uncoveredOrigin: async ({}, use) => {
    const server = await serveFolder(FIXTURE_PAGES, '127.0.0.2');
    await use(server.origin);
    await server.close();
  },
  openPanelBeside: async ({ context, extensionId, tabIdOf }, use) => {
    await use(async (page) => {
      const tabId = await tabIdOf(page.url());
      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
      await page.bringToFront();
      return panel;
    });
  },
  tabIdOf: async ({ context }, use) => {
    await use(async (url) => {
      // Asked of the service worker, not a helper tab: a new tab would hide the page, and hidden
      // pages are not scanned.
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const id = await worker.evaluate(async (wanted) => {
        type Tabs = { query(filter: object): Promise<Array<{ id?: number; url?: string }>> };
        const { tabs } = (globalThis as unknown as { chrome: { tabs: Tabs } }).chrome;
        const found = (await tabs.query({})).find((tab) => tab.url === wanted);
        return found?.id ?? -1;
      }, url);
      if (id < 0) throw new Error(`no tab shows ${url}`);
      return id;
    });
  },
});

export const expect = test.expect;

/** The `pagesOrigin` fixture: the fixture pages served on 127.0.0.1 for the test. */
// eslint-disable-next-line no-empty-pattern
export async function pagesOriginFixture({}: object, use: (origin: string) => Promise<void>): Promise<void> {
  const server = await serveFolder(FIXTURE_PAGES);
  await use(server.origin);
  await server.close();
}
