/**
 * Sync end to end: two real Chromium profiles, each with the extension, and the real sync server
 * (SQLite) started on loopback by the test. Everything goes through the product's own UI (the
 * options page's Sync section, the side panel), except bulk data, which is written straight into
 * IndexedDB before the first sync (the first sync uploads what is already there).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { inContentScript } from './content-script-world';
import { openPanelBesideTeamPage, profilesFixture, type Profile } from './browser-profiles';
import { pagesOriginFixture } from './extension-fixture';
import { syncNow } from './sync-now';
import { countContacts, openPanel, openProfile, syncServerFixture, type SyncServer } from './sync-server';

const test = base.extend<{ server: SyncServer; pagesOrigin: string; profiles: { open(): Promise<Profile> } }>({
  server: syncServerFixture,
  pagesOrigin: pagesOriginFixture,
  profiles: profilesFixture,
});

/** Options → Sync: address and token, Connect, pick the workspace, Start syncing; waits for the first sync. */
async function signIn(profile: Profile, serverUrl: string, token: string): Promise<Page> {
  const options = await profile.context.newPage();
  await options.goto(profile.url('options.html'));
  const sync = options.getByRole('region', { name: 'Sync' });
  await sync.getByLabel('Server address').fill(serverUrl);
  await sync.getByLabel('Token').fill(token);
  await sync.getByRole('button', { name: 'Connect' }).click();
  await expect(sync.getByLabel('Workspace')).toBeVisible();
  await sync.getByRole('button', { name: 'Start syncing' }).click();
  await expect(sync.getByRole('status').filter({ hasText: /^Synced/ })).toBeVisible({ timeout: 30_000 });
  return options;
}

/** Adds people from the team fixture page through the side panel beside it. */
async function addFromTeamPage(profile: Profile, pagesOrigin: string, names: string[]): Promise<Page> {
  const panel = await openPanelBesideTeamPage(profile, pagesOrigin);
  const people = panel.getByRole('list', { name: 'People on this page' });
  for (const name of names) await people.getByRole('button', { name: `Add ${name}` }).click();
  return panel;
}

/** Writes `count` contacts straight into IndexedDB (no outbox: the first sync must upload them). */
async function seedContacts(page: Page, count: number, prefix: string): Promise<void> {
  await page.evaluate(
    async ({ count, prefix }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('sidebar-crm');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const now = Date.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('contacts', 'readwrite');
        for (let i = 0; i < count; i += 1) {
          const id = `${prefix}${String(i).padStart(6, '0')}`;
          const name = `Bulk ${prefix} ${i}`;
          tx.objectStore('contacts').put({ id, name, emails: [], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [], createdAt: now, updatedAt: now, profileUrls: [], searchTokens: ['bulk', prefix.toLowerCase(), String(i)] });
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { count, prefix },
  );
}

test.describe.configure({ timeout: 180_000 });

test('a contact added in one browser appears in the other', async ({ server, profiles, pagesOrigin }) => {
  const { token, email } = await server.user();
  const a = await profiles.open();
  const b = await profiles.open();
  await signIn(a, server.url, token);
  await signIn(b, server.url, await server.token(email));
  const panelA = await addFromTeamPage(a, pagesOrigin, ['Ada Lovelace']);
  await syncNow(panelA);
  // The token is where no content script reaches: not in the storage.local they can read.
  const teamPage = a.context.pages().find((page) => page.url().endsWith('/team.html'))!;
  const seenByContentScript = await inContentScript(teamPage, 'chrome.storage.local.get(null).then((all) => JSON.stringify(all))');
  expect(typeof seenByContentScript).toBe('string');
  expect(seenByContentScript).not.toContain(token);
  const panelB = await openPanel(b);
  await syncNow(panelB);
  await panelB.getByRole('searchbox', { name: 'Search contacts' }).fill('lovelace');
  await expect(panelB.getByRole('list', { name: 'All contacts' }).getByRole('button', { name: /Ada Lovelace/ })).toBeVisible();
});

test('a template written in one browser is in the other, edits and a delete follow it', async ({ server, profiles }) => {
  const { token, email } = await server.user();
  const a = await profiles.open();
  const b = await profiles.open();
  const optionsA = await signIn(a, server.url, token);
  const optionsB = await signIn(b, server.url, await server.token(email));
  const templatesIn = (options: Page) => options.getByRole('region', { name: 'Templates' });
  const savedIn = (options: Page) => templatesIn(options).getByRole('list', { name: 'Saved templates' }).getByRole('listitem');

  // A writes a template in Options; B has it after one sync each.
  const form = templatesIn(optionsA).getByRole('form', { name: 'New template' });
  await form.getByLabel('Name').fill('Intro');
  await form.getByLabel('Subject (optional)').fill('Hello from Ada');
  await form.getByLabel('Message').fill('Hi {{firstName|there}}');
  await form.getByRole('button', { name: 'Add template' }).click();
  await expect(savedIn(optionsA)).toHaveText([/Intro\s*Hello from Ada/]);
  const panelA = await openPanel(a);
  await syncNow(panelA);
  const panelB = await openPanel(b);
  await syncNow(panelB);
  await expect(savedIn(optionsB)).toHaveText([/Intro\s*Hello from Ada/]);

  // B renames it; A sees the new name.
  await templatesIn(optionsB).getByRole('button', { name: 'Edit Intro' }).click();
  const edit = templatesIn(optionsB).getByRole('form', { name: 'Edit template' });
  await edit.getByLabel('Name').fill('Introduction');
  await edit.getByRole('button', { name: 'Save template' }).click();
  await expect(savedIn(optionsB)).toHaveText([/Introduction\s*Hello from Ada/]);
  await syncNow(panelB);
  await syncNow(panelA);
  await expect(savedIn(optionsA)).toHaveText([/Introduction\s*Hello from Ada/]);

  // A deletes it; B loses it.
  await templatesIn(optionsA).getByRole('button', { name: 'Delete Introduction' }).click();
  await expect(templatesIn(optionsA).getByText('No templates yet')).toBeVisible();
  await syncNow(panelA);
  await syncNow(panelB);
  await expect(templatesIn(optionsB).getByText('No templates yet')).toBeVisible();
});

test('offline edits to different fields of one contact in two browsers both survive', async ({ server, profiles, pagesOrigin }) => {
  const { token, email } = await server.user();
  const a = await profiles.open();
  const b = await profiles.open();
  await signIn(a, server.url, token);
  await signIn(b, server.url, await server.token(email));
  const panelA = await addFromTeamPage(a, pagesOrigin, ['Ada Lovelace']);
  await syncNow(panelA);
  // The token is where no content script reaches: not in the storage.local they can read.
  const teamPage = a.context.pages().find((page) => page.url().endsWith('/team.html'))!;
  const seenByContentScript = await inContentScript(teamPage, 'chrome.storage.local.get(null).then((all) => JSON.stringify(all))');
  expect(typeof seenByContentScript).toBe('string');
  expect(seenByContentScript).not.toContain(token);
  const panelB = await openPanel(b);
  await syncNow(panelB);

  await server.stop(); // both browsers offline from the server's point of view
  await openProfile(panelA, 'Ada Lovelace');
  const details = panelA.getByRole('region', { name: 'Details' });
  await details.getByLabel('Job title').fill('Countess of Lovelace');
  await details.getByLabel('Job title').press('Enter');
  await expect(details.getByRole('status')).toHaveText(/Saved job title\./);
  await openProfile(panelB, 'Ada Lovelace');
  const reach = panelB.getByRole('region', { name: 'Reach' });
  await reach.getByRole('textbox', { name: 'New phone' }).fill('+44 20 7946 0958');
  await reach.getByRole('button', { name: 'Add phone' }).click();
  await expect(reach.getByRole('link', { name: '+442079460958' })).toBeVisible();
  // While the server is down the panel says so, and keeps the change.
  await panelB.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(panelB.getByRole('region', { name: 'Sync' }).getByRole('alert')).toContainText('Cannot reach the sync server');

  await server.restart();
  await syncNow(panelA);
  await syncNow(panelB);
  await syncNow(panelA);
  for (const panel of [panelA, panelB]) {
    await openProfile(panel, 'Ada Lovelace');
    await expect(panel.getByRole('region', { name: 'Details' }).getByLabel('Job title')).toHaveValue('Countess of Lovelace');
    await expect(panel.getByRole('region', { name: 'Reach' }).getByRole('link', { name: '+442079460958' })).toBeVisible();
  }
  // The server holds both edits too.
  const rows = (await (await fetch(`${server.url}/v1/workspaces`, { headers: { authorization: `Bearer ${token}` } })).json()) as { workspaces: Array<{ workspace: string }> };
  const workspace = rows.workspaces[0]!.workspace;
  const page = (await (await fetch(`${server.url}/v1/w/${workspace}/pull?since=0`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    changes: Array<{ table: string; fields: Record<string, { value: unknown }> }>;
  };
  const ada = page.changes.find((row) => row.table === 'contacts' && row.fields.name?.value === 'Ada Lovelace')!;
  expect(ada.fields.title?.value).toBe('Countess of Lovelace');
  expect(ada.fields.phones?.value).toEqual(['+442079460958']);
});

test('a delete in one browser while the other edits: the contact stays deleted in both, the edit kept on it', async ({ server, profiles, pagesOrigin }) => {
  const { token, email } = await server.user();
  const a = await profiles.open();
  const b = await profiles.open();
  await signIn(a, server.url, token);
  await signIn(b, server.url, await server.token(email));
  const panelA = await addFromTeamPage(a, pagesOrigin, ['Ada Lovelace', 'Charles Babbage']);
  await syncNow(panelA);
  const panelB = await openPanel(b);
  await syncNow(panelB);

  // A deletes Charles (to the trash: contacts.deletedAt) while B edits his title.
  await panelA.evaluate(() => (location.hash = ''));
  await panelA.getByRole('checkbox', { name: 'Select Charles Babbage' }).check();
  await panelA.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: /^Delete/ }).click();
  await openProfile(panelB, 'Charles Babbage');
  const details = panelB.getByRole('region', { name: 'Details' });
  await details.getByLabel('Job title').fill('Inventor');
  await details.getByLabel('Job title').press('Enter');
  await expect(details.getByRole('status')).toHaveText(/Saved job title\./);

  await syncNow(panelA);
  await syncNow(panelB);
  await syncNow(panelA);
  for (const panel of [panelA, panelB]) {
    await panel.evaluate(() => (location.hash = ''));
    await panel.getByRole('searchbox', { name: 'Search contacts' }).fill('babbage');
    await expect(panel.getByText('No contact matches.', { exact: false })).toBeVisible();
    const stored = await panel.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('sidebar-crm');
        request.onsuccess = () => resolve(request.result);
      });
      const rows = await new Promise<Array<{ name?: string; title?: string; deletedAt?: number }>>((resolve) => {
        const request = db.transaction('contacts').objectStore('contacts').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return rows.find((row) => row.name === 'Charles Babbage');
    });
    expect(stored?.deletedAt).toBeGreaterThan(0);
    expect(stored?.title).toBe('Inventor');
  }
});

test('a service worker stopped mid-sync resumes where it stopped: nothing lost or duplicated', async ({ server, profiles }) => {
  test.setTimeout(240_000);
  const { token, email } = await server.user();
  const a = await profiles.open();
  const b = await profiles.open();
  const seeder = await openPanel(a);
  // Enough rows that the upload is still running when the worker is stopped: 3,000 once went up
  // in the ~1 s between the first progress report and the stop.
  const seeded = 12_000;
  await seedContacts(seeder, seeded, 'A');

  // Sign A in without waiting, then stop its service worker while the first upload runs.
  const options = await a.context.newPage();
  await options.goto(a.url('options.html'));
  const sync = options.getByRole('region', { name: 'Sync' });
  await sync.getByLabel('Server address').fill(server.url);
  await sync.getByLabel('Token').fill(token);
  await sync.getByRole('button', { name: 'Connect' }).click();
  await sync.getByRole('button', { name: 'Start syncing' }).click();
  await expect(sync.getByRole('status').filter({ hasText: /Uploading this browser’s data: [1-9]/ })).toBeVisible({ timeout: 30_000 });
  const cdp = await a.context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  // Stopped part-way: the progress the worker last reported stays short of the total.
  const panelStatus = seeder.getByRole('region', { name: 'Sync' }).getByRole('status');
  const uploadedSoFar = async () => Number(/: ([\d,]+) of 12,000 rows/.exec((await panelStatus.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
  await seeder.waitForTimeout(1_000);
  const atStop = await uploadedSoFar();
  await seeder.waitForTimeout(2_000);
  expect(await uploadedSoFar()).toBe(atStop);
  expect(atStop).toBeGreaterThan(0);
  expect(atStop).toBeLessThan(seeded);
  // It comes back on the next event (here: Sync now from the panel, which wakes it) and carries on.
  const resumed = Date.now();
  await seeder.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
  // What this test checks is that nothing is lost or duplicated, not how fast (the timed test
  // below is for that): the rest of the upload and the pull of all 12,000 rows took 30–40 s on a
  // slower 2-core machine with the seeding panel open beside them.
  await expect(panelStatus).toHaveText(/^Synced .* nothing pending$/, { timeout: 120_000 });
  console.log(`sync e2e: resumed after the worker's stop, synced in ${Date.now() - resumed} ms`);

  await signIn(b, server.url, await server.token(email));
  const panelB = await openPanel(b);
  expect(await countContacts(panelB)).toBe(seeded);
});

test('10,000 contacts made in one browser reach the other (timed)', async ({ server, profiles }) => {
  const { token, email } = await server.user();
  const a = await profiles.open();
  const b = await profiles.open();
  const seeder = await openPanel(a);
  await seedContacts(seeder, 10_000, 'T');
  const started = Date.now();
  await signIn(a, server.url, token);
  const uploadedMs = Date.now() - started;
  const receiving = Date.now();
  await signIn(b, server.url, await server.token(email));
  const receivedMs = Date.now() - receiving;
  expect(await countContacts(await openPanel(b))).toBe(10_000);
  test.info().annotations.push({ type: 'timing', description: `10,000 contacts: uploaded by A in ${uploadedMs} ms, received by B in ${receivedMs} ms` });
  console.log(`sync e2e: 10,000 contacts uploaded by A in ${uploadedMs} ms, received by B in ${receivedMs} ms`);
});
