import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './extension-fixture';

/**
 * No serious or critical accessibility violations in `scope` (a selector; the whole page when
 * absent), light and dark; screenshots kept as artifacts.
 */
async function expectAccessible(panel: Page, name: string, scope?: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme });
    const builder = new AxeBuilder({ page: panel });
    const axe = await (scope ? builder.include(scope) : builder).analyze();
    const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious, `${name} (${colorScheme}): ${serious.map((v) => v.id).join(', ')}`).toEqual([]);
    await panel.screenshot({ path: test.info().outputPath(`${name}-${colorScheme}.png`), fullPage: true });
  }
  await panel.emulateMedia({ colorScheme: null });
}

/**
 * A second contact with Ada's address, written straight into IndexedDB from the extension page
 * (as an import or a second browser's sync could leave it): lib/db itself refuses to give one
 * address to two contacts, so the UI cannot make this duplicate.
 */
async function seedDuplicateOfAda(panel: Page) {
  await panel.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sidebar-crm');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['contacts', 'interactions'], 'readwrite');
      const now = Date.now();
      tx.objectStore('contacts').put({
        id: 'augusta', name: 'Augusta King', title: 'Countess', emails: ['augusta@example.org', 'ada.lovelace@analyticalengines.co.uk'],
        phones: [], profiles: [], tags: ['royal-society'], stage: 'customer', userFields: ['title'], createdAt: now, updatedAt: now,
        profileUrls: [], searchTokens: ['augusta', 'king', 'augusta@example.org', 'royal', 'society'],
      });
      tx.objectStore('interactions').put({ id: 'augusta-note', contactId: 'augusta', kind: 'note', at: now - 86_400_000, body: 'Met at the Royal Society.' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

test('a duplicate sharing an email is suggested on the profile and merged, picking fields; both histories end up on one contact', async ({
  context,
  pagesOrigin,
  openPanelBeside,
}) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const people = panel.getByRole('list', { name: 'People on this page' });
  for (const name of ['Ada Lovelace', 'Charles Babbage']) await people.getByRole('button', { name: `Add ${name}` }).click();
  const all = panel.getByRole('list', { name: 'All contacts' });
  await expect(all.getByRole('listitem')).toHaveCount(2);

  // Ada's own history: a note logged in her profile.
  await all.getByRole('button', { name: /Ada Lovelace/ }).click();
  const log = panel.getByRole('form', { name: 'Log activity' });
  await log.getByLabel('Note').fill('Wrote the first program.');
  await log.getByRole('button', { name: 'Log note' }).click();
  await expect(log.getByRole('status')).toHaveText('Note logged.');
  await expect(panel.getByText('Possible duplicate')).toHaveCount(0);

  await seedDuplicateOfAda(panel);
  await panel.reload();
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(panel.getByText(/Possible duplicate: Augusta King \(shares ada\.lovelace@analyticalengines\.co\.uk\)/)).toBeVisible();
  await panel.getByRole('link', { name: 'Review possible duplicate Augusta King' }).click();

  await expect(panel.getByRole('heading', { name: 'Merge duplicates' })).toBeVisible();
  await expect(panel).toHaveURL(/#merge\/[\w-]+\/augusta$/);
  const nameChoice = panel.getByRole('group', { name: 'Name' });
  await expect(nameChoice.getByRole('radio', { name: 'Ada Lovelace' })).toBeChecked();
  // Ada has no title: Augusta's is offered by default. The stage differs too (lead / customer).
  await expect(panel.getByRole('group', { name: 'Job title' }).getByRole('radio', { name: 'Countess' })).toBeChecked();
  await expect(panel.getByRole('group', { name: 'Lifecycle stage' }).getByRole('radio', { name: 'Lead' })).toBeChecked();
  const summary = panel.getByRole('region', { name: 'After merging' });
  await expect(summary).toContainText('2 emails, 0 phones, 0 profile links, 1 tag');
  await expect(summary).toContainText('2 history entries (1 + 1), 0 deals, 0 follow-ups');

  await panel.setViewportSize({ width: 320, height: 900 });
  await expectAccessible(panel, 'merge-view-320');

  // The radio groups work from the keyboard: arrow to Augusta's name.
  await nameChoice.getByRole('radio', { name: 'Ada Lovelace' }).focus();
  await panel.keyboard.press('ArrowDown');
  await expect(nameChoice.getByRole('radio', { name: 'Augusta King' })).toBeChecked();
  await expect(summary).toContainText('Augusta King');
  await panel.getByRole('button', { name: 'Merge', exact: true }).click();

  // The kept profile opens, under the picked name, with both histories.
  await expect(panel.getByRole('heading', { name: 'Augusta King' })).toBeVisible();
  await expect(panel).toHaveURL(/#contact\/(?!augusta)[\w-]+$/);
  const history = panel.getByRole('list', { name: 'History' });
  await expect(history).toContainText('Wrote the first program.');
  await expect(history).toContainText('Met at the Royal Society.');
  await expect(history).toContainText('Merged with Augusta King');
  await expect(panel.getByRole('region', { name: 'Details' }).getByLabel('Job title')).toHaveValue('Countess');
  await expect(panel.getByText('Possible duplicate')).toHaveCount(0);

  // The other contact is gone from All contacts: two contacts, not three.
  await panel.getByRole('button', { name: '← Back' }).first().click();
  await expect(all.getByRole('listitem')).toHaveCount(2);
  await panel.getByRole('searchbox', { name: 'Search contacts' }).fill('augusta');
  await expect(all.getByRole('listitem')).toHaveCount(1);
  await panel.getByRole('searchbox', { name: 'Search contacts' }).fill('');

  // Merge from the list too: the same view, and Cancel (or Esc) comes back without merging.
  await all.getByRole('checkbox', { name: 'Select Augusta King' }).check();
  await all.getByRole('checkbox', { name: 'Select Charles Babbage' }).check();
  await panel.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Merge' }).click();
  await expect(panel.getByRole('heading', { name: 'Merge duplicates' })).toBeVisible();
  await panel.keyboard.press('Escape');
  await expect(all.getByRole('listitem')).toHaveCount(2);
});

test('multi-select three contacts, tag them, filter by the tag; delete with Undo', async ({ context, pagesOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const people = panel.getByRole('list', { name: 'People on this page' });
  for (const name of ['Ada Lovelace', 'Charles Babbage', 'office@analyticalengines.co.uk']) {
    await people.getByRole('button', { name: `Add ${name}` }).click();
  }
  const all = panel.getByRole('list', { name: 'All contacts' });
  await expect(all.getByRole('listitem')).toHaveCount(3);
  const bulk = panel.getByRole('region', { name: 'Bulk actions' });
  await expect(bulk).toHaveCount(0);

  // Two by pointer, the third by keyboard: Space toggles the focused row.
  await all.getByRole('checkbox', { name: 'Select Ada Lovelace' }).click();
  await all.getByRole('checkbox', { name: 'Select Charles Babbage' }).click();
  await expect(bulk).toContainText('2 selected');
  await expect(bulk.getByRole('button', { name: 'Merge' })).toBeEnabled();
  await all.getByRole('button', { name: 'office@analyticalengines.co.uk' }).focus();
  await panel.keyboard.press('Space');
  await expect(all.getByRole('checkbox', { name: 'Select office@analyticalengines.co.uk' })).toBeChecked();
  await expect(bulk).toContainText('3 selected');
  await expect(bulk.getByRole('button', { name: 'Merge' })).toBeDisabled();
  await expect(panel.getByRole('checkbox', { name: 'Select all shown (3)' })).toBeChecked();

  await panel.setViewportSize({ width: 320, height: 900 });
  // All contacts with a selection and the bulk bar (On this page, above it, is another view's).
  await expectAccessible(panel, 'list-selection-320', 'section[aria-labelledby="all-contacts-heading"]');

  await bulk.getByRole('button', { name: 'Add tag' }).click();
  await bulk.getByRole('textbox', { name: 'Tag' }).fill('conference');
  await bulk.getByRole('button', { name: 'Tag 3 contacts' }).click();
  await expect(panel.getByText('Tagged 3 contacts “conference”.')).toBeVisible();

  await panel.getByRole('button', { name: 'Clear selection' }).click();
  await expect(bulk).toHaveCount(0);
  await panel.getByRole('combobox', { name: 'Filter by tag' }).selectOption('conference');
  await expect(all.getByRole('listitem')).toHaveCount(3);
  await panel.getByRole('searchbox', { name: 'Search contacts' }).fill('babb');
  await expect(all.getByRole('listitem')).toHaveCount(1);
  await panel.getByRole('searchbox', { name: 'Search contacts' }).fill('');
  await panel.getByRole('combobox', { name: 'Filter by tag' }).selectOption('');

  // Change stage in bulk: two move to customer, each with a stage change in History.
  await all.getByRole('checkbox', { name: 'Select Ada Lovelace' }).check();
  await all.getByRole('checkbox', { name: 'Select Charles Babbage' }).check();
  await bulk.getByRole('button', { name: 'Change stage' }).click();
  await bulk.getByRole('combobox', { name: 'New stage' }).selectOption('customer');
  await bulk.getByRole('button', { name: 'Move 2 contacts' }).click();
  await expect(panel.getByText('Moved 2 contacts to Customer.')).toBeVisible();
  await panel.getByRole('combobox', { name: 'Filter by stage' }).selectOption('customer');
  await expect(all.getByRole('listitem')).toHaveCount(2);
  await panel.getByRole('combobox', { name: 'Filter by stage' }).selectOption('');

  // Delete leaves tombstones; Undo brings them back.
  await bulk.getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByText('Deleted 2 contacts.')).toBeVisible();
  await expect(all.getByRole('listitem')).toHaveCount(1);
  await expect(bulk).toHaveCount(0);
  await panel.getByRole('button', { name: 'Undo deleting 2 contacts' }).click();
  await expect(panel.getByText('Restored 2 contacts.')).toBeVisible();
  await expect(all.getByRole('listitem')).toHaveCount(3);
});

test('All contacts has a true roving tabindex: one row in the Tab order, arrows/Home/End move it, Enter opens', async ({
  context,
  pagesOrigin,
  openPanelBeside,
}) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const people = panel.getByRole('list', { name: 'People on this page' });
  for (const name of ['Ada Lovelace', 'Charles Babbage', 'office@analyticalengines.co.uk']) {
    await people.getByRole('button', { name: `Add ${name}` }).click();
  }
  const all = panel.getByRole('list', { name: 'All contacts' });
  await expect(all.getByRole('listitem')).toHaveCount(3);
  const rowButtons = all.locator('.row-button');
  const tabbable = all.locator('[tabindex="0"]');
  // One row (its checkbox and button) in the Tab order, the first.
  await expect(tabbable).toHaveCount(2);
  await expect(rowButtons.nth(0)).toHaveAttribute('tabindex', '0');
  await expect(rowButtons.nth(1)).toHaveAttribute('tabindex', '-1');

  // Tab from "Select all shown" enters the list once, at the roving row.
  await panel.getByRole('checkbox', { name: 'Select all shown (3)' }).focus();
  await panel.keyboard.press('Tab');
  await expect(all.getByRole('checkbox', { name: 'Select Ada Lovelace' })).toBeFocused();
  await panel.keyboard.press('Tab');
  await expect(rowButtons.nth(0)).toBeFocused();
  await panel.keyboard.press('ArrowDown');
  await expect(rowButtons.nth(1)).toBeFocused();
  await expect(rowButtons.nth(1)).toHaveAttribute('tabindex', '0');
  await expect(rowButtons.nth(0)).toHaveAttribute('tabindex', '-1');
  await panel.keyboard.press('End');
  await expect(rowButtons.nth(2)).toBeFocused();
  await panel.keyboard.press('Home');
  await expect(rowButtons.nth(0)).toBeFocused();
  // Shift+ArrowDown extends a selection from the row left.
  await panel.keyboard.press('Space');
  await panel.keyboard.press('Shift+ArrowDown');
  await expect(rowButtons.nth(1)).toBeFocused();
  await expect(panel.getByRole('region', { name: 'Bulk actions' })).toContainText('2 selected');
  // Leaving and coming back lands on the row last used.
  await panel.keyboard.press('Shift+Tab');
  await panel.keyboard.press('Tab');
  await expect(rowButtons.nth(1)).toBeFocused();
  await expect(tabbable).toHaveCount(2);
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('heading', { name: 'Charles Babbage' })).toBeVisible();
});

test('the selection exports as CSV or vCard, holding only the selected people', async ({ context, pagesOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const people = panel.getByRole('list', { name: 'People on this page' });
  for (const name of ['Ada Lovelace', 'Charles Babbage']) await people.getByRole('button', { name: `Add ${name}` }).click();
  await panel.getByRole('checkbox', { name: 'Select Ada Lovelace' }).check();
  const bulk = panel.getByRole('region', { name: 'Bulk actions' });
  await bulk.getByRole('button', { name: 'Export' }).click();
  const csvDownload = panel.waitForEvent('download');
  await bulk.getByRole('button', { name: 'CSV (Google Contacts)' }).click();
  const csv = await (await csvDownload).path().then((path) => readFileSync(path, 'utf8'));
  expect(csv).toContain('Ada');
  expect(csv).toContain('ada.lovelace@analyticalengines.co.uk');
  expect(csv).not.toContain('Babbage');
  await panel.getByRole('checkbox', { name: 'Select Charles Babbage' }).check();
  await bulk.getByRole('button', { name: 'Export' }).click(); // the choice closes after each export
  const vcardDownload = panel.waitForEvent('download');
  await bulk.getByRole('button', { name: 'vCard 4.0' }).click();
  const vcard = await (await vcardDownload).path().then((path) => readFileSync(path, 'utf8'));
  expect(vcard.match(/BEGIN:VCARD/g)).toHaveLength(2);
  expect(vcard).toContain('VERSION:4.0');
  await expect(panel.getByText('Exported 2 contacts as vCard.')).toBeVisible();
});
