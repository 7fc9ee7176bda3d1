/**
 * `npm start`: builds the extension and, where there is a display, opens Chromium with it loaded
 * on a local demo page with the side panel beside it. Without a display it prints how to load the
 * build by hand. Contacts persist between runs in .output/start-profile.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveFolder } from '../test/e2e/static-server';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const extensionDir = `${repoRoot}.output/chrome-mv3-local-pages`;
const profileDir = `${repoRoot}.output/start-profile`;
const demoDir = fileURLToPath(new URL('./demo', import.meta.url));

function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

function hasDisplay(): boolean {
  return process.platform === 'darwin' || process.platform === 'win32' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
}

function printManualSteps(reason: string): void {
  console.log(`
Built the extension in .output/chrome-mv3-local-pages (${reason}); this local
build also reads pages on localhost. npm run build makes the release build in
.output/chrome-mv3, which does not.

Load it by hand:
  Chrome / Chromium / Edge: open chrome://extensions, turn on Developer mode,
    "Load unpacked" → choose ${extensionDir}
  Firefox: npm run build:firefox, then about:debugging → This Firefox →
    "Load Temporary Add-on…" → choose .output/firefox-mv2/manifest.json

Then open a page with people on it (for example tools/demo/index.html served on
http://localhost, or any Gmail, Outlook, LinkedIn or GitHub page) and click the
Sidebar CRM toolbar button to open the side panel.
`);
}

/** Opens the real side panel beside the demo tab; an extension page may do that, a script not. */
async function openSidePanel(context: BrowserContext, demoUrl: string): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const helper = await context.newPage();
  await helper.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await helper.evaluate(async (url) => {
    type Chrome = {
      tabs: { query(filter: object): Promise<Array<{ id?: number; url?: string }>> };
      sidePanel: { open(options: { tabId: number }): Promise<void> };
    };
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url === url);
    if (tab?.id !== undefined) await chrome.sidePanel.open({ tabId: tab.id });
  }, demoUrl);
  await helper.close();
}

async function main(): Promise<void> {
  console.log('Building the Chrome extension…');
  // --mode local-pages: this build may also read pages on localhost, where the demo page is served.
  execFileSync('npx', ['wxt', 'build', '--mode', 'local-pages'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });

  const chromiumPath = findChromium();
  if (!hasDisplay()) return printManualSteps('no display here to open a browser on');
  if (!chromiumPath) return printManualSteps('no Chromium found; set CHROMIUM_PATH to use one');

  const server = await serveFolder(demoDir);
  const demoUrl = `${server.origin}/index.html`;
  mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: false,
    viewport: null,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-first-run'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(demoUrl);
  try {
    await openSidePanel(context, demoUrl);
  } catch (error) {
    console.warn('Could not open the side panel by itself; click the Sidebar CRM toolbar button.', error);
  }
  await page.bringToFront();
  console.log(`Chromium is open on ${demoUrl} with Sidebar CRM loaded. Close the browser to stop.`);
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
  await server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
