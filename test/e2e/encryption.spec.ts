/**
 * End-to-end encrypted workspaces (issue 19) in real Chromium: the real sync server (SQLite) on
 * loopback and one Chromium profile per browser, everything through the product's UI (Options →
 * Sync → End-to-end encryption, the side panel) except the first contacts, which are written
 * straight into IndexedDB before the first sync (it uploads what is already there). What the
 * server keeps is read from its own files: the SQLite database and its WAL, byte for byte.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { profilesFixture, type Profile } from './browser-profiles';
import { syncNow } from './sync-now';
import { countContacts, openPanel, openProfile, syncServerFixture, type SyncServer } from './sync-server';

const test = base.extend<{ server: SyncServer; profiles: { open(): Promise<Profile> } }>({
  server: syncServerFixture,
  profiles: profilesFixture,
});

test.describe.configure({ timeout: 120_000 });

const PASSPHRASE = 'correct horse battery staple';
const PEOPLE = ['Ada Lovelace', 'Charles Babbage', 'Grace Hopper'];
/** In every contact's company: a string nothing else on the server could contain. */
const marker = () => `Zebrafinch${Date.now().toString(36)}Analytical`;
const LOCKED = 'Enter its passphrase in Options → Sync to unlock it in this browser; nothing syncs until then.';

const syncSection = (options: Page) => options.getByRole('region', { name: 'Sync', exact: true }).first();
const encryptionSection = (options: Page) => options.getByRole('region', { name: 'End-to-end encryption' });

/** Writes the people straight into IndexedDB, each with `company` in their company field. */
async function seedPeople(page: Page, company: string): Promise<void> {
  await page.evaluate(
    async ({ people, company }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('sidebar-crm');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const now = Date.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('contacts', 'readwrite');
        people.forEach((name, i) => {
          const searchTokens = [...name.toLowerCase().split(' '), company.toLowerCase()];
          tx.objectStore('contacts').put({ id: `seed${i}`, name, company, emails: [], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [], createdAt: now, updatedAt: now, profileUrls: [], searchTokens });
        });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { people: PEOPLE, company },
  );
}

/** Options → Sync: address and token, Connect, Start syncing; does not wait for the first sync. */
async function connect(profile: Profile, serverUrl: string, token: string): Promise<Page> {
  const options = await profile.context.newPage();
  await options.goto(profile.url('options.html'));
  const sync = syncSection(options);
  await sync.getByLabel('Server address').fill(serverUrl);
  await sync.getByLabel('Token').fill(token);
  await sync.getByRole('button', { name: 'Connect' }).click();
  await expect(sync.getByLabel('Workspace')).toBeVisible();
  await sync.getByRole('button', { name: 'Start syncing' }).click();
  await expect(options.getByText(/^Syncing workspace/)).toBeVisible();
  return options;
}

/** Options → Sync → End-to-end encryption: tick, passphrase twice, Turn on; returns the recovery key once saved. */
async function turnOnEncryption(options: Page): Promise<string> {
  const section = encryptionSection(options);
  const form = section.getByRole('form', { name: 'Turn on end-to-end encryption' });
  await form.getByRole('checkbox', { name: /I understand/ }).check();
  await form.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await form.getByLabel('Passphrase again').fill(PASSPHRASE);
  await form.getByRole('button', { name: 'Turn on encryption' }).click();
  const key = section.getByTestId('recovery-key');
  await expect(key).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){13}$/, { timeout: 30_000 });
  const recoveryKey = (await key.textContent())!;
  await section.getByRole('button', { name: 'I have saved it' }).click();
  await expect(key).toBeHidden();
  await expect(section.getByText(/^On\. Values are encrypted in this browser/)).toBeVisible();
  return recoveryKey;
}

/** A browser of the workspace that has not unlocked it: its first sync stops at once, nothing pulled. */
async function expectLocked(options: Page, panel: Page): Promise<void> {
  await expect(syncSection(options).getByRole('alert').filter({ hasText: LOCKED })).toBeVisible({ timeout: 30_000 });
  await expect(encryptionSection(options).getByRole('form', { name: 'Unlock this workspace' })).toBeVisible();
  expect(await countContacts(panel)).toBe(0);
  await expect(panel.getByText('No contacts yet.', { exact: false })).toBeVisible();
}

async function unlock(options: Page, passphrase: string): Promise<void> {
  const form = encryptionSection(options).getByRole('form', { name: 'Unlock this workspace' });
  await form.getByLabel('Workspace passphrase').fill(passphrase);
  await form.getByRole('button', { name: 'Unlock' }).click();
}

/** The server's own answer to a full pull with the token, as text. */
async function pulled(serverUrl: string, token: string): Promise<string> {
  const headers = { authorization: `Bearer ${token}` };
  const { workspaces } = (await (await fetch(`${serverUrl}/v1/workspaces`, { headers })).json()) as { workspaces: Array<{ workspace: string }> };
  return (await fetch(`${serverUrl}/v1/w/${workspaces[0]!.workspace}/pull?since=0`, { headers })).text();
}

test('turned on over plain data: the server keeps only ciphertext, a second browser reads after its passphrase, offline edits converge', async ({ server, profiles }) => {
  const company = marker();
  const { token, email } = await server.user();
  const a = await profiles.open();
  const b = await profiles.open();

  // A: three contacts, synced plain; the server's files hold the marker (the scan below can fail).
  const panelA = await openPanel(a);
  await seedPeople(panelA, company);
  const optionsA = await connect(a, server.url, token);
  await expect(syncSection(optionsA).getByRole('status').filter({ hasText: /^Synced/ })).toBeVisible({ timeout: 30_000 });
  expect(server.bytes()).toContain(company);
  expect(await pulled(server.url, token)).toContain(company);

  // A turns encryption on; the sync after it rewrites what the server holds.
  await turnOnEncryption(optionsA);
  await syncNow(panelA);
  await expect.poll(() => server.bytes().includes(company), { message: 'the marker is still in the SQLite file or WAL' }).toBe(false);
  const afterRewrite = await pulled(server.url, token);
  expect(afterRewrite).not.toContain(company);
  expect(afterRewrite).not.toContain('Lovelace');

  // B, same workspace: locked, nothing pulled, until the passphrase.
  const panelB = await openPanel(b);
  const optionsB = await connect(b, server.url, await server.token(email));
  await expectLocked(optionsB, panelB);
  await unlock(optionsB, PASSPHRASE);
  await expect(encryptionSection(optionsB).getByText(/^On\. Values are encrypted in this browser/)).toBeVisible({ timeout: 30_000 });
  await syncNow(panelB);
  expect(await countContacts(panelB)).toBe(PEOPLE.length);
  await openProfile(panelB, 'Ada Lovelace');
  await expect(panelB.getByRole('region', { name: 'Details' }).getByLabel('Company')).toHaveValue(company);

  // Both offline (the server down): A edits the title, B adds a phone, to the same contact.
  await server.stop();
  await openProfile(panelA, 'Ada Lovelace');
  const details = panelA.getByRole('region', { name: 'Details' });
  await details.getByLabel('Job title').fill('Countess of Lovelace');
  await details.getByLabel('Job title').press('Enter');
  await expect(details.getByRole('status')).toHaveText(/Saved job title\./);
  const reach = panelB.getByRole('region', { name: 'Reach' });
  await reach.getByRole('textbox', { name: 'New phone' }).fill('+44 20 7946 0958');
  await reach.getByRole('button', { name: 'Add phone' }).click();
  await expect(reach.getByRole('link', { name: '+442079460958' })).toBeVisible();

  await server.restart();
  await syncNow(panelA);
  await syncNow(panelB);
  await syncNow(panelA);
  for (const panel of [panelA, panelB]) {
    await openProfile(panel, 'Ada Lovelace');
    await expect(panel.getByRole('region', { name: 'Details' }).getByLabel('Job title')).toHaveValue('Countess of Lovelace');
    await expect(panel.getByRole('region', { name: 'Reach' }).getByRole('link', { name: '+442079460958' })).toBeVisible();
  }
  // The edits went up sealed like the rest.
  const afterEdits = await pulled(server.url, token);
  expect(afterEdits).not.toContain('Countess');
  expect(afterEdits).not.toContain('442079460958');
  expect(server.bytes()).not.toContain('Countess');
});

test('a wrong passphrase says so and unlocks nothing: the browser stays locked with no contacts', async ({ server, profiles }) => {
  const { token, email } = await server.user();
  const a = await profiles.open();
  const c = await profiles.open();
  const panelA = await openPanel(a);
  await seedPeople(panelA, marker());
  const optionsA = await connect(a, server.url, token);
  await expect(syncSection(optionsA).getByRole('status').filter({ hasText: /^Synced/ })).toBeVisible({ timeout: 30_000 });
  await turnOnEncryption(optionsA);
  await syncNow(panelA);

  const panelC = await openPanel(c);
  const optionsC = await connect(c, server.url, await server.token(email));
  await expectLocked(optionsC, panelC);
  await unlock(optionsC, 'not the passphrase at all');
  await expect(encryptionSection(optionsC).getByRole('alert')).toContainText('does not unlock');
  // Still locked: the form stays, Sync now runs nothing, no contact arrives.
  await expect(encryptionSection(optionsC).getByRole('form', { name: 'Unlock this workspace' })).toBeVisible();
  await panelC.getByRole('region', { name: 'Sync' }).getByRole('button', { name: 'Sync now' }).click();
  await panelC.waitForTimeout(2_000);
  await expectLocked(optionsC, panelC);
});
