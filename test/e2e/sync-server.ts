/**
 * What the sync e2e specs share: the real sync server (SQLite, its own process on a free loopback
 * port, one per test) with its CLI for users and tokens, and the side-panel steps both specs take.
 */
import { expect, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, spawnServer, type ServerProcess } from '../../server/test/spawn';
import type { Profile } from './browser-profiles';
import { freePort } from './static-server';

export interface SyncServer {
  url: string;
  db: string;
  /** Everything the server has written to disk: the database file and its WAL, as text. */
  bytes(): string;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** A new user with a personal workspace, from `user add`. */
  user(): Promise<{ workspace: string; token: string; email: string }>;
  /** Another token for the user, from `token add`. */
  token(email: string): Promise<string>;
}

/** A Playwright fixture: the server for one test, stopped and its files removed after it. */
// eslint-disable-next-line no-empty-pattern
export async function syncServerFixture({}: object, use: (server: SyncServer) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sidebar-crm-sync-e2e-'));
  const db = join(dir, 'sync.sqlite');
  const port = await freePort();
  const args = ['--db', db, '--port', String(port), '--rate-limit', '1000000'];
  let process: ServerProcess | undefined = await spawnServer(args);
  let users = 0;
  await use({
    url: `http://127.0.0.1:${port}`,
    db,
    bytes: () => [db, `${db}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file).toString('latin1')).join('\n'),
    restart: async () => {
      process = await spawnServer(args);
    },
    stop: async () => {
      await process?.kill();
      process = undefined;
    },
    user: async () => {
      const email = `seller${users++}@example.org`;
      const { workspace, token } = JSON.parse((await runCli(['user', 'add', email, '--db', db])).stdout) as { workspace: string; token: string };
      return { workspace, token, email };
    },
    token: async (email) => (JSON.parse((await runCli(['token', 'add', email, '--db', db])).stdout) as { token: string }).token,
  });
  await process?.kill();
  rmSync(dir, { recursive: true, force: true });
}

export async function openPanel(profile: Profile): Promise<Page> {
  const panel = await profile.context.newPage();
  await panel.goto(profile.url('sidepanel.html'));
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  return panel;
}

export async function openProfile(panel: Page, name: string): Promise<void> {
  await panel.evaluate(() => (location.hash = ''));
  await panel.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
  await panel.getByRole('list', { name: 'All contacts' }).getByRole('button', { name: new RegExp(name) }).click();
  await expect(panel.getByRole('heading', { name })).toBeVisible();
}

/** The contacts in the page's IndexedDB, counted there. */
export async function countContacts(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('sidebar-crm');
      request.onsuccess = () => resolve(request.result);
    });
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction('contacts').objectStore('contacts').count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return count;
  });
}
