/**
 * The Firefox end-to-end harness: Debian's stock Firefox ESR driven by puppeteer-core over
 * WebDriver BiDi, with the built add-on (`wxt build -b firefox --mode local-pages`) installed as a
 * temporary add-on. See TESTING.md, "Firefox end to end", for the pitfalls this works around.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const FIREFOX_EXTENSION_DIR = join(repoRoot, '.output/firefox-mv2-local-pages');
export const FIXTURE_PAGES = join(repoRoot, 'test/fixtures/pages');
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr';

/** The release build (`wxt build -b firefox`): what `npm run zip` packs; the bench runs it. */
export const FIREFOX_RELEASE_DIR = join(repoRoot, '.output/firefox-mv2');

interface FirefoxManifest {
  browser_specific_settings: { gecko: { id: string } };
  sidebar_action?: { default_panel?: string };
}

function manifestOf(extensionDir: string): FirefoxManifest | undefined {
  const file = join(extensionDir, 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FirefoxManifest) : undefined;
}

/** The page Firefox shows in its sidebar (`sidebar_action.default_panel`); the same in every build. */
export const SIDEBAR_PAGE = manifestOf(FIREFOX_EXTENSION_DIR)?.sidebar_action?.default_panel ?? 'sidepanel.html';
/**
 * A fixed internal UUID: the add-on's moz-extension:// origin, and so its IndexedDB, stays the
 * same across restarts of one profile (a temporary add-on would otherwise get a new one).
 */
export const EXTENSION_UUID = '6d1c2f47-2b1e-4c1a-9a55-5b0c0e2f1a21';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface Firefox {
  browser: Browser;
  /** moz-extension://…/<path> */
  url(path: string): string;
  /** Opens an extension page (sidebar, options…) in a new tab and waits for it to load. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export function assertBuilt(extensionDir = FIREFOX_EXTENSION_DIR): void {
  if (!manifestOf(extensionDir)) {
    const command = extensionDir === FIREFOX_EXTENSION_DIR ? 'wxt build -b firefox --mode local-pages' : 'wxt build -b firefox';
    throw new Error(`no Firefox build at ${extensionDir}: run "${command}"`);
  }
}

/**
 * Launches Firefox on `userDataDir` (kept between launches: a persistent profile) and installs the
 * add-on: the tests' build (local pages allowed) unless another is given.
 */
export async function launchFirefox(userDataDir: string, extraPrefs: Record<string, unknown> = {}, extensionDir = FIREFOX_EXTENSION_DIR): Promise<Firefox> {
  assertBuilt(extensionDir);
  const geckoId = manifestOf(extensionDir)!.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir,
    // Without it Firefox refuses BiDi navigations to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    dumpio: process.env.FIREFOX_DUMPIO === '1',
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      // Notifications through Firefox's own alerts, not a desktop service the machine lacks.
      'alerts.useSystemBackend': false,
      'devtools.console.stdout.content': true,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...extraPrefs,
    },
  });
  // A temporary add-on: installed again on each launch; its data stays with the pinned UUID.
  await browser.installExtension(extensionDir);
  const url = (path: string) => `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`;
  return {
    browser,
    url,
    openExtensionPage: async (path) => {
      const page = await browser.newPage();
      await navigateExtensionPage(page, url(path));
      return page;
    },
    close: () => browser.close(),
  };
}

interface BidiFrame {
  browsingContext: { navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void> };
}

/**
 * Navigates a tab to an extension page. `page.goto()` times out there (Firefox sends no BiDi
 * navigation events for moz-extension:// pages), so the BiDi command itself is sent.
 */
export async function navigateExtensionPage(page: Page, url: string): Promise<void> {
  await (page.mainFrame() as unknown as BidiFrame).browsingContext.navigate(url, 'complete');
  await page.waitForFunction(() => document.readyState === 'complete');
}

/** Reloads an extension page (page.reload() times out for the same reason as goto). */
export async function reloadExtensionPage(page: Page, url: string): Promise<void> {
  await navigateExtensionPage(page, 'about:blank');
  await navigateExtensionPage(page, url);
}

/**
 * Serves fixture pages under their real addresses in `page`: every request to one of `routes`'
 * origins is answered with the file (no network), so the real per-site content scripts run.
 */
export async function routeFixtures(page: Page, routes: Record<string, string>): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = new URL(request.url());
    const file = routes[url.origin];
    // BiDi gives no resource type: the page is any path without a file extension; its
    // subresources (scripts, images of the saved page) are not served.
    if (file && !/\.[a-z0-9]+$/i.test(url.pathname)) {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(join(FIXTURE_PAGES, file)) });
    } else if (file) {
      void request.respond({ status: 404, body: '' });
    } else {
      void request.continue();
    }
  });
}

/** Screenshots of every tab, for a failed test (test-results/e2e-firefox-artifacts). */
export async function saveScreenshots(firefox: Firefox, name: string): Promise<void> {
  const dir = join(repoRoot, 'test-results/e2e-firefox-artifacts');
  mkdirSync(dir, { recursive: true });
  const pages = await firefox.browser.pages().catch(() => []);
  for (const [index, page] of pages.entries()) {
    const file = join(dir, `${name.replace(/[^\w-]+/g, '-').slice(0, 80)}-${index}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
  }
}

/** The add-on's id for the tab showing `url`, asked from an extension page. */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const id = await extensionPage.evaluate(async (wanted) => {
    type Tabs = { query(filter: object): Promise<Array<{ id?: number; url?: string }>> };
    const { tabs } = (globalThis as unknown as { browser: { tabs: Tabs } }).browser;
    return (await tabs.query({})).find((tab) => tab.url === wanted)?.id ?? -1;
  }, url);
  if (id < 0) throw new Error(`no tab shows ${url}`);
  return id;
}

/** Opens the sidebar page pinned to `page`'s tab (`?tab=`), then brings `page` back to the front. */
export async function openSidebarBeside(firefox: Firefox, page: Page): Promise<Page> {
  const panel = await firefox.openExtensionPage(SIDEBAR_PAGE);
  const tabId = await tabIdOf(panel, page.url());
  await navigateExtensionPage(panel, firefox.url(`${SIDEBAR_PAGE}?tab=${tabId}`));
  await page.bringToFront();
  return panel;
}

/** An ARIA selector: role and accessible name (exact). */
export function aria(role: string, name: string): string {
  return `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;
}

/** Waits until `predicate` (run in the page) is true; `arg` is passed to it. */
export async function until<T>(page: Page, predicate: (arg: T) => unknown, arg: T, timeout = 15_000): Promise<void> {
  await page.waitForFunction(predicate as (arg: unknown) => unknown, { timeout, polling: 100 }, arg);
}

/** Whether the page's text contains `text`. */
export async function waitForText(page: Page, text: string, timeout = 15_000): Promise<void> {
  await until(page, (wanted: string) => document.body.innerText.includes(wanted), text, timeout);
}

/** Rows of one IndexedDB store of the add-on, read from an extension page. */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sidebar-crm');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}
