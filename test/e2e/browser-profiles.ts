import type { BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_PAGES, launchWithExtension } from './extension-fixture';
import { serveFolder } from './static-server';

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

/** The `pagesOrigin` fixture: the fixture pages served on 127.0.0.1 for the test. */
// eslint-disable-next-line no-empty-pattern
export async function pagesOriginFixture({}: object, use: (origin: string) => Promise<void>): Promise<void> {
  const server = await serveFolder(FIXTURE_PAGES);
  await use(server.origin);
  await server.close();
}
