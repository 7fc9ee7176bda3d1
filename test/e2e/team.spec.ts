/**
 * A team end to end (issue 18): the real sync server (SQLite) on loopback and three Chromium
 * profiles with the extension: an owner, an editor and a viewer. Everything goes through the
 * product's UI: the owner invites in Options → Team, the others join in Options → Sync → Join a
 * team; the viewer's panel offers no Add and the server refuses a push forged with their token;
 * the owner removes the editor, whose Options and panel then say so.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, spawnServer, type ServerProcess } from '../../server/test/spawn';
import { stamp } from '../../server/test/client';
import { openPanelBesideTeamPage, profilesFixture, type Profile } from './browser-profiles';
import { pagesOriginFixture } from './extension-fixture';
import { freePort } from './static-server';

const test = base.extend<{ server: { url: string; owner: { workspace: string; token: string; email: string } }; pagesOrigin: string; profiles: { open(): Promise<Profile> } }>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'sidebar-crm-team-e2e-'));
    const db = join(dir, 'sync.sqlite');
    const port = await freePort();
    const process: ServerProcess = await spawnServer(['--db', db, '--port', String(port), '--rate-limit', '1000000']);
    const email = 'dana@example.org';
    const owner = JSON.parse((await runCli(['user', 'add', email, '--db', db])).stdout) as { workspace: string; token: string };
    await use({ url: `http://127.0.0.1:${port}`, owner: { ...owner, email } });
    await process.kill();
    rmSync(dir, { recursive: true, force: true });
  },
  pagesOrigin: pagesOriginFixture,
  profiles: profilesFixture,
});

const teamSection = (options: Page) => options.getByRole('region', { name: 'Team', exact: true });

/** Options → Sync with the owner's CLI token: Connect, Start syncing, first sync done. */
async function signInWithToken(profile: Profile, serverUrl: string, token: string): Promise<Page> {
  const options = await profile.context.newPage();
  await options.goto(profile.url('options.html'));
  const connect = options.getByRole('form', { name: 'Connect to a sync server' });
  await connect.getByLabel('Server address').fill(serverUrl);
  await connect.getByLabel('Token').fill(token);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await options.getByRole('button', { name: 'Start syncing' }).click();
  await expect(options.getByRole('status').filter({ hasText: /^Synced/ })).toBeVisible({ timeout: 30_000 });
  return options;
}

/** Options → Team → Invite someone: the code, shown once. */
async function createInvite(options: Page, role: 'editor' | 'viewer'): Promise<string> {
  const form = options.getByRole('form', { name: 'Create an invite' });
  await form.getByLabel('Role').selectOption(role);
  await form.getByLabel('Expires after (days)').fill('3');
  await form.getByRole('button', { name: 'Create invite' }).click();
  const code = form.getByTestId('invite-code');
  await expect(code).toHaveText(/^scri_[\w-]{20,}$/);
  return (await code.textContent())!;
}

/** Options → Sync → Join a team, then waits for the first sync. */
async function joinTeam(profile: Profile, serverUrl: string, code: string, email: string, name: string): Promise<Page> {
  const options = await profile.context.newPage();
  await options.goto(profile.url('options.html'));
  await expect(teamSection(options)).toContainText('Not syncing');
  await options.getByRole('button', { name: 'Join with an invite code…' }).click();
  const join = options.getByRole('form', { name: 'Join a team' });
  await join.getByLabel('Server address').fill(serverUrl);
  await join.getByLabel('Invite code').fill(code);
  await join.getByLabel('Your email').fill(email);
  await join.getByLabel('Your name').fill(name);
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(options.getByText(/^Syncing workspace/)).toBeVisible();
  await expect(options.getByRole('status').filter({ hasText: /^Synced/ })).toBeVisible({ timeout: 30_000 });
  return options;
}

/** The side panel pinned to the fixture team page (Ada Lovelace and colleagues on it). */
async function panelBesideTeamPage(profile: Profile, pagesOrigin: string): Promise<Page> {
  const panel = await openPanelBesideTeamPage(profile, pagesOrigin);
  await expect(panel.getByRole('list', { name: 'People on this page' })).toContainText('Ada Lovelace');
  return panel;
}

/** The sync token this profile keeps in its IndexedDB settings row (read as the extension, for the forged push). */
async function storedToken(extensionPage: Page): Promise<string> {
  return extensionPage.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('sidebar-crm');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('sync:settings');
          get.onsuccess = () => resolve((get.result as { value: { token: string } }).value.token);
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

test.describe.configure({ timeout: 90_000 });

test('an owner invites an editor and a viewer through the UI; the viewer only reads; a removed editor is told so', async ({ server, profiles, pagesOrigin }) => {
  const owner = await profiles.open();
  const ownerOptions = await signInWithToken(owner, server.url, server.owner.token);
  const team = teamSection(ownerOptions);
  await expect(team).toContainText('You are an owner');
  await expect(team.getByRole('table', { name: 'Members' })).toContainText(server.owner.email);
  const editorCode = await createInvite(ownerOptions, 'editor');
  const viewerCode = await createInvite(ownerOptions, 'viewer');
  expect(editorCode).not.toBe(viewerCode);

  const editor = await profiles.open();
  const editorOptions = await joinTeam(editor, server.url, editorCode, 'eddie@example.org', 'Eddie');
  await expect(teamSection(editorOptions)).toContainText('You are an editor');
  // Not an owner: the list, read-only, and who manages it.
  await expect(teamSection(editorOptions).getByRole('combobox')).toHaveCount(0);
  await expect(teamSection(editorOptions)).toContainText(`Only an owner can invite people, change roles or remove members (owners: ${server.owner.email})`);

  const viewer = await profiles.open();
  const viewerOptions = await joinTeam(viewer, server.url, viewerCode, 'vera@example.org', 'Vera');
  await expect(teamSection(viewerOptions)).toContainText('You are a viewer');
  const viewerPanel = await panelBesideTeamPage(viewer, pagesOrigin);
  await expect(viewerPanel.getByRole('note')).toHaveText('You can read this workspace; an owner can make you an editor.');
  await expect(viewerPanel.getByRole('button', { name: /^Add/ })).toHaveCount(0);

  // The UI only mirrors the server: a push forged with the viewer's own token is refused.
  const forged = await fetch(`${server.url}/v1/w/${server.owner.workspace}/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await storedToken(viewerOptions)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: 'forged', changes: [{ mutationId: 'm1', table: 'contacts', id: 'c1', fields: { name: { value: 'Forged', hlc: stamp(Date.now()) } } }] }),
  });
  expect(forged.status).toBe(403);
  expect(await forged.json()).toMatchObject({ error: 'read-only member' });

  // The owner sees the team, and removes the editor (after a confirm).
  await ownerOptions.reload();
  const members = teamSection(ownerOptions).getByRole('table', { name: 'Members' });
  await expect(members).toContainText('Eddie');
  await expect(members).toContainText('Vera');
  await members.getByRole('button', { name: 'Remove Eddie' }).click();
  await members.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(teamSection(ownerOptions).getByText('Eddie was removed.')).toBeVisible();
  await expect(members).not.toContainText('Eddie');

  // The editor's next sync meets the 404: Options and the panel say so, and offer the ways on.
  await editorOptions.getByRole('button', { name: 'Sync now' }).click();
  const removed = teamSection(editorOptions).getByRole('alert', { name: 'Removed from the team' });
  await expect(removed).toContainText(`You were removed from ${server.owner.email}.`, { timeout: 20_000 });
  await expect(removed.getByRole('button', { name: 'Keep a local copy' })).toBeVisible();
  const editorPanel = await editor.context.newPage();
  await editorPanel.goto(editor.url('sidepanel.html'));
  await expect(editorPanel.getByRole('alert', { name: 'Removed from the team' })).toContainText('You were removed from');
  // Keeping a local copy stops syncing: the Sync section offers to connect again, the notice is gone.
  await removed.getByRole('button', { name: 'Keep a local copy' }).click();
  await expect(editorOptions.getByRole('button', { name: 'Join with an invite code…' })).toBeVisible();
  await expect(editorOptions.getByRole('form', { name: 'Connect to a sync server' })).toBeVisible();
  await expect(editorPanel.getByRole('alert', { name: 'Removed from the team' })).toHaveCount(0);
});
