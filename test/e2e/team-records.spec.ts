/**
 * Issue 18's records end to end: two real Chromium profiles (the workspace's owner and an editor)
 * and the real sync server (SQLite) on loopback. Sign-in goes through Options → Sync; the
 * membership row (who this browser is in the team) is written into IndexedDB as the background's
 * membership refresh writes it. An editor's private note never reaches the owner's browser
 * until the editor switches it to team; then it says who wrote it. The owner sees the contact's
 * owner and reads the Changes view from the server.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, spawnServer, type ServerProcess } from '../../server/test/spawn';
import { openPanelBesideTeamPage, profilesFixture, type Profile } from './browser-profiles';
import { pagesOriginFixture } from './extension-fixture';
import { freePort } from './static-server';
import { syncNow } from './sync-now';

interface CliUser {
  user: string;
  workspace: string;
  token: string;
  email: string;
}

const test = base.extend<{
  server: { url: string; cli(args: string[]): Promise<unknown> };
  pagesOrigin: string;
  profiles: { open(): Promise<Profile> };
}>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'sidebar-crm-team-e2e-'));
    const db = join(dir, 'sync.sqlite');
    const port = await freePort();
    const process: ServerProcess = await spawnServer(['--db', db, '--port', String(port), '--rate-limit', '1000000']);
    await use({ url: `http://127.0.0.1:${port}`, cli: async (args) => JSON.parse((await runCli([...args, '--db', db])).stdout) as unknown });
    await process.kill();
    rmSync(dir, { recursive: true, force: true });
  },
  pagesOrigin: pagesOriginFixture,
  profiles: profilesFixture,
});

async function signIn(profile: Profile, serverUrl: string, token: string, workspace: string): Promise<void> {
  const options = await profile.context.newPage();
  await options.goto(profile.url('options.html'));
  const sync = options.getByRole('region', { name: 'Sync' });
  await sync.getByLabel('Server address').fill(serverUrl);
  await sync.getByLabel('Token').fill(token);
  await sync.getByRole('button', { name: 'Connect' }).click();
  await sync.getByLabel('Workspace').selectOption(workspace);
  await sync.getByRole('button', { name: 'Start syncing' }).click();
  await expect(sync.getByRole('status').filter({ hasText: /^Synced/ })).toBeVisible({ timeout: 30_000 });
  await options.close();
}

/** The membership row as the background's refresh writes it (lib/sync/client/membership.ts). */
async function writeMembership(page: Page, membership: object): Promise<void> {
  await page.evaluate(async (value) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sidebar-crm');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('meta', 'readwrite');
      tx.objectStore('meta').put({ key: 'sync:membership', value });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, membership);
}

async function openPanel(profile: Profile, query = ''): Promise<Page> {
  const panel = await profile.context.newPage();
  await panel.goto(profile.url(`sidepanel.html${query}`));
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  return panel;
}

async function openProfile(panel: Page, name: string): Promise<void> {
  await panel.evaluate(() => (location.hash = ''));
  await panel.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
  await panel.getByRole('list', { name: 'All contacts' }).getByRole('button', { name: new RegExp(name) }).click();
  await expect(panel.getByRole('heading', { name })).toBeVisible();
}

test.describe.configure({ timeout: 180_000 });

test('an editor’s private note stays out of the owner’s browser until it is switched to team; owners, attribution and Changes show', async ({ server, profiles, pagesOrigin }) => {
  const dana = (await server.cli(['user', 'add', 'dana@example.org'])) as CliUser;
  const ravi = (await server.cli(['user', 'add', 'ravi@example.org'])) as CliUser;
  await server.cli(['workspace', 'share', dana.workspace, 'ravi@example.org', '--role', 'editor']);
  const members = [
    { user: dana.user, email: 'dana@example.org', name: null, role: 'owner', lastSeenAt: null },
    { user: ravi.user, email: 'ravi@example.org', name: null, role: 'editor', lastSeenAt: null },
  ];

  const a = await profiles.open();
  const b = await profiles.open();
  await signIn(a, server.url, dana.token, dana.workspace);
  await signIn(b, server.url, ravi.token, dana.workspace);

  // Dana adds Ada from a page: she owns her.
  const panelA = await openPanelBesideTeamPage(a, pagesOrigin);
  await writeMembership(panelA, { user: dana.user, workspace: dana.workspace, workspaceName: 'Sales', role: 'owner', members });
  await panelA.getByRole('list', { name: 'People on this page' }).getByRole('button', { name: 'Add Ada Lovelace' }).click();
  await syncNow(panelA);

  // Ravi sees Dana as the owner, logs a note and makes it private before it is sent.
  const panelB = await openPanel(b);
  await writeMembership(panelB, { user: ravi.user, workspace: dana.workspace, workspaceName: 'Sales', role: 'editor', members });
  await syncNow(panelB);
  await openProfile(panelB, 'Ada Lovelace');
  await expect(panelB.getByLabel('Owner of this contact')).toHaveValue(dana.user);
  const log = panelB.getByRole('form', { name: 'Log activity' });
  await log.getByLabel('Note').fill('Salary expectations: ask again in spring.');
  await log.getByRole('button', { name: 'Log note' }).click();
  const historyB = panelB.getByRole('list', { name: 'History' });
  await expect(historyB.getByRole('listitem').first()).toContainText('You wrote a note');
  await historyB.getByRole('button', { name: /^Team: everyone in the workspace sees this entry/ }).click();
  await expect(historyB.getByRole('button', { name: /^Private: only you see this entry/ })).toBeVisible();
  await syncNow(panelB);

  await syncNow(panelA);
  await openProfile(panelA, 'Ada Lovelace');
  const historyA = panelA.getByRole('list', { name: 'History' });
  await expect(panelA.getByLabel('Owner of this contact')).toHaveValue(dana.user);
  const notesInA = () =>
    panelA.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('sidebar-crm');
        request.onsuccess = () => resolve(request.result);
      });
      const rows = await new Promise<Array<{ kind: string; body?: string }>>((resolve) => {
        const request = db.transaction('interactions').objectStore('interactions').getAll();
        request.onsuccess = () => resolve(request.result as Array<{ kind: string; body?: string }>);
      });
      db.close();
      return rows.filter((row) => row.kind === 'note').map((row) => row.body);
    });
  expect(await notesInA()).toEqual([]);
  await expect(panelA.getByText('Salary expectations')).toHaveCount(0);

  // Switched to team, it reaches Dana, saying who wrote it; Dana has no switch on it.
  await historyB.getByRole('button', { name: /^Private: only you see this entry/ }).click();
  await expect(historyB.getByRole('button', { name: /^Team: everyone in the workspace sees this entry/ })).toBeVisible();
  await syncNow(panelB);
  await syncNow(panelA);
  await expect(historyA.getByRole('listitem').filter({ hasText: 'Salary expectations' })).toContainText('ravi@example.org wrote a note');
  await expect(historyA.getByRole('listitem').filter({ hasText: 'Salary expectations' }).getByRole('button')).toHaveCount(0);
  expect(await notesInA()).toEqual(['Salary expectations: ask again in spring.']);
  await expect(panelA.getByText('Also in touch: ravi@example.org, 1 note')).toBeVisible();

  // Dana hands Ada to Ravi; Dana, an owner, reads who changed what in Changes.
  await panelA.getByLabel('Owner of this contact').selectOption(ravi.user);
  await syncNow(panelA);
  await panelA.getByText('Changes', { exact: true }).click();
  const changes = panelA.getByRole('list', { name: 'Changes, newest first' });
  await expect(changes.getByRole('listitem').first()).toContainText('owner changed by You');
  await expect(panelA.getByText('The server keeps only which field changed, not the old or new values.', { exact: false })).toBeVisible();
  // An editor has no Changes view.
  await syncNow(panelB);
  await expect(panelB.getByLabel('Owner of this contact')).toHaveValue(ravi.user);
  await expect(panelB.getByText('Changes', { exact: true })).toHaveCount(0);
});
