import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, launchWithExtension, test } from './extension-fixture';

/** A small Google Contacts export, in Google's current column layout, with one broken row. */
const GOOGLE_CSV = [
  'First Name,Middle Name,Last Name,Organization Name,Organization Title,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value',
  'Zoë,,Brückner,Kessler Maschinenbau,Einkaufsleiterin,"Met at Hannover Messe.\nPrefers calls.",* myContacts ::: Customers,* Work,zoe.brueckner@kessler-mb.example,Mobile,+49 151 2345 6789',
  'Marcus,J.,O\'Neill,"Halden, Price & Co.",Partner,,* myContacts,* Work,marcus@haldenprice.example,,',
  'Aiko,,Sato,,,,* myContacts ::: Recruiting,,,Mobile,+81 90-1234-5678',
  ',,,,,,,,not-an-email,,',
].join('\r\n');

const GOOGLE_FILE = { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOGLE_CSV) };

async function importGoogleCsv(options: Page, choose = () => options.getByLabel('File to import').setInputFiles(GOOGLE_FILE)): Promise<void> {
  await choose();
  const counts = options.getByRole('table', { name: 'What the import will do' });
  await expect(options.getByRole('heading', { name: /Preview of contacts\.csv: Google Contacts CSV, 4 rows/ })).toBeVisible();
  await expect(counts.getByRole('row', { name: /New contacts/ })).toContainText('3');
  await expect(counts.getByRole('row', { name: /Rejected rows/ })).toContainText('1');
  await expect(options.getByRole('cell', { name: /no name, email or phone/ })).toBeVisible();
  await options.getByRole('button', { name: 'Confirm import' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Import finished.' })).toContainText('3 contacts created');
}

test('import a Google CSV through the options page, then find the people in the side panel', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Import' })).toBeVisible();
  expect((await new AxeBuilder({ page: options }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // Clicking the file input starts the import's worker before the file dialog answers (it opens
  // the database meanwhile: ImportClient.warm); the file then goes to that worker.
  expect(options.workers()).toEqual([]);
  await importGoogleCsv(options, async () => {
    const chooser = options.waitForEvent('filechooser');
    const started = options.waitForEvent('worker');
    await options.getByLabel('File to import').click();
    expect((await started).url()).toMatch(/\/assets\/import-worker-[\w-]+\.js$/);
    await (await chooser).setFiles(GOOGLE_FILE);
  });
  expect(options.workers()).toHaveLength(1);
  // Read, previewed and written by the import's worker (lib/io/import-client.ts), not on the page's thread.
  expect(options.workers().map((worker) => worker.url())).toContainEqual(expect.stringMatching(new RegExp(`^chrome-extension://${extensionId}/assets/import-worker-[\\w-]+\\.js$`)));
  // The rejected rows stay listed after the import, downloadable as CSV with their line numbers.
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Download all rejected rows (CSV)' }).click();
  expect(readFileSync(await (await download).path(), 'utf8')).toMatch(/^line,reason\r\n6,"?no name, email or phone/);
  expect((await new AxeBuilder({ page: options }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const search = panel.getByRole('searchbox', { name: 'Search contacts' });
  const all = panel.getByRole('list', { name: 'All contacts' });
  await search.fill('bruckner');
  await expect(all.getByRole('listitem')).toHaveCount(1);
  await expect(all.getByRole('button', { name: /Zoë Brückner/ })).toBeVisible();
  await search.fill('haldenprice');
  await expect(all.getByRole('button', { name: /Marcus J\.? O'Neill|Marcus O'Neill/ })).toBeVisible();
  await search.fill('recruiting');
  await expect(all.getByRole('button', { name: /Aiko Sato/ })).toBeVisible();

  // Export: everyone as a Google-layout CSV; one tag's people as vCard 4.0.
  const csvDownload = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export', exact: true }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv).toContain('E-mail 1 - Value');
  for (const email of ['zoe.brueckner@kessler-mb.example', 'marcus@haldenprice.example']) expect(csv).toContain(email);
  await expect(options.getByRole('status').filter({ hasText: 'Exported' })).toHaveText('Exported 3 contacts.');
  await options.getByRole('radio', { name: /vCard 4\.0/ }).check();
  await options.getByLabel('Tag', { exact: true }).selectOption('Recruiting');
  const vcardDownload = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export', exact: true }).click();
  const vcard = readFileSync(await (await vcardDownload).path(), 'utf8');
  expect(vcard.match(/BEGIN:VCARD/g)).toHaveLength(1);
  expect(vcard).toContain('VERSION:4.0');
  expect(vcard).toContain('Aiko');

  // The same file again: everyone is already stored, so nothing is created.
  await options.getByRole('button', { name: 'Import another file' }).click();
  await options.getByLabel('File to import').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOGLE_CSV) });
  const counts = options.getByRole('table', { name: 'What the import will do' });
  await expect(counts.getByRole('row', { name: /New contacts/ })).toContainText('0');
  await expect(options.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
});

test('a file dialog closed without a file ends the import worker started for it; the next file starts another', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Import' })).toBeVisible();
  const chooser = options.waitForEvent('filechooser');
  const started = options.waitForEvent('worker');
  await options.getByLabel('File to import').click();
  const worker = await started;
  expect(worker.url()).toMatch(/\/assets\/import-worker-[\w-]+\.js$/);
  const closed = new Promise<void>((resolve) => worker.once('close', () => resolve()));
  // The dialog answered with no file (Chromium fires a change to no file here; a user's Cancel
  // fires `cancel`, which the unit tests dispatch): the worker ends.
  await (await chooser).setFiles([]);
  await closed;
  expect(options.workers()).toEqual([]);
  // A file given next (dropped or set, no dialog) goes to a new worker.
  await importGoogleCsv(options);
  expect(options.workers().map((each) => each.url())).toEqual([expect.stringMatching(/\/assets\/import-worker-[\w-]+\.js$/)]);
});

test('a backup restores into a fresh profile with the same content', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await importGoogleCsv(options);

  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Download backup' }).click();
  const backupPath = await (await download).path();
  const first = readFileSync(backupPath, 'utf8');
  expect(first).toContain('"format":"sidebar-crm-backup"');
  await expect(options.getByRole('status').filter({ hasText: 'Backup downloaded' })).toContainText('3 contacts');

  const freshDir = mkdtempSync(join(tmpdir(), 'sidebar-crm-e2e-restore-'));
  const fresh = await launchWithExtension(freshDir);
  try {
    const worker = fresh.serviceWorkers()[0] ?? (await fresh.waitForEvent('serviceworker'));
    const freshOptions = await fresh.newPage();
    await freshOptions.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    await freshOptions.getByLabel('Backup file to restore').setInputFiles(backupPath);
    const held = freshOptions.getByRole('table', { name: 'What the backup holds' });
    await expect(held.getByRole('row', { name: /contacts/ })).toContainText('3');
    await freshOptions.getByRole('button', { name: 'Confirm restore' }).click();
    await expect(freshOptions.getByRole('status').filter({ hasText: 'Restore finished.' })).toContainText('3 contacts');

    const again = freshOptions.waitForEvent('download');
    await freshOptions.getByRole('button', { name: 'Download backup' }).click();
    const second = readFileSync(await (await again).path(), 'utf8');
    const withoutStamp = (text: string) => text.replace(/"exportedAt":"[^"]+"/, '');
    expect(withoutStamp(second)).toBe(withoutStamp(first));
  } finally {
    await fresh.close();
    rmSync(freshDir, { recursive: true, force: true });
  }
});

test('a CSV of unknown layout goes through a column mapping that is remembered for the next file', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const file = { name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from('Person;Mail;Firm\nAda Lovelace;ada@engines.example;Analytical\nGrace Hopper;grace@navy.example;Navy\n') };
  await options.getByLabel('File to import').setInputFiles(file);
  await expect(options.getByRole('heading', { name: 'Match the file’s columns' })).toBeVisible();
  await options.getByLabel('Person').selectOption('name');
  await options.getByLabel('Mail', { exact: true }).selectOption('email');
  await options.getByLabel('Firm').selectOption('company');
  await options.getByRole('button', { name: 'Use these columns' }).click();
  const counts = options.getByRole('table', { name: 'What the import will do' });
  await expect(counts.getByRole('row', { name: /New contacts/ })).toContainText('2');
  await options.getByRole('button', { name: 'Confirm import' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Import finished.' })).toContainText('2 contacts created');

  await options.getByRole('button', { name: 'Import another file' }).click();
  await options.getByLabel('File to import').setInputFiles({ ...file, name: 'crm-2.csv' });
  await expect(options.getByText('These are the choices you made last time')).toBeVisible();
  await expect(options.getByLabel('Firm')).toHaveValue('company');
  expect((await new AxeBuilder({ page: options }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
