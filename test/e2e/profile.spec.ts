import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './extension-fixture';

/**
 * The profile, end to end in the built extension: a contact added from a fixture page is edited
 * in place (saved as typed, kept across a reload, undoable), gets a note, a stage change and a
 * follow-up, and History shows them, newest first.
 */
test('edit a profile, undo, log a note, add and complete a follow-up; History shows it all', async ({
  context,
  pagesOrigin,
  openPanelBeside,
}) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const onThisPage = panel.getByRole('list', { name: 'People on this page' });
  await onThisPage.getByRole('button', { name: 'Add Ada Lovelace' }).click();
  await onThisPage.getByRole('button', { name: 'Open Ada Lovelace' }).click();
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'ada.lovelace@analyticalengines.co.uk' })).toBeVisible();

  // Emails: add one, remove it, undo the removal.
  const reach = panel.getByRole('region', { name: 'Reach' });
  await reach.getByRole('textbox', { name: 'New email' }).fill('Countess@Example.org');
  await reach.getByRole('button', { name: 'Add email' }).click();
  await expect(reach.getByRole('link', { name: 'countess@example.org' })).toHaveAttribute('href', 'mailto:countess@example.org');
  await reach.getByRole('button', { name: 'Remove email countess@example.org' }).click();
  await expect(reach.getByRole('link', { name: 'countess@example.org' })).toHaveCount(0);
  await reach.getByRole('button', { name: 'Undo removing countess@example.org' }).click();
  await expect(reach.getByRole('link', { name: 'countess@example.org' })).toBeVisible();
  await reach.getByRole('textbox', { name: 'New phone' }).fill('twelve');
  await reach.getByRole('button', { name: 'Add phone' }).click();
  await expect(reach.getByRole('alert')).toContainText('“twelve” is not a phone number');

  const details = panel.getByRole('region', { name: 'Details' });
  const history = panel.getByRole('list', { name: 'History' });
  const activity = panel.getByRole('region', { name: 'Activity', exact: true });
  await expect(activity).toContainText('Never');

  // Edit a field: saved on Enter, and still there after the panel reloads.
  await details.getByLabel('Job title').fill('Countess of Lovelace');
  await details.getByLabel('Job title').press('Enter');
  await expect(details.getByRole('status')).toHaveText(/Saved job title\./);
  await panel.reload();
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(details.getByLabel('Job title')).toHaveValue('Countess of Lovelace');

  // Esc cancels an edit in progress, even one already saved as typed.
  const location = details.getByLabel('Location');
  await location.fill('Marylebone');
  await location.press('Escape');
  await expect(location).toHaveValue('');

  // Undo puts the previous value back.
  const company = details.getByLabel('Company');
  const companyBefore = await company.inputValue();
  await company.fill('Difference Engines Ltd');
  await company.press('Tab');
  await details.getByRole('button', { name: 'Undo company change' }).click();
  await expect(company).toHaveValue(companyBefore);
  await panel.reload();
  await expect(details.getByLabel('Company')).toHaveValue(companyBefore);
  await expect(details.getByLabel('Location')).toHaveValue('');

  // The name is the heading; editing it renames the profile.
  await details.getByLabel('Name').fill('Augusta Ada King');
  await details.getByLabel('Name').press('Enter');
  await expect(panel.getByRole('heading', { name: 'Augusta Ada King' })).toBeVisible();

  // Tags and the lifecycle stage; a stage change is written to History.
  await details.getByRole('textbox', { name: 'New tag' }).fill('mathematician');
  await details.getByRole('button', { name: 'Add tag' }).click();
  await expect(details.getByRole('button', { name: 'Remove tag mathematician' })).toBeVisible();
  await details.getByLabel('Lifecycle stage').selectOption('customer');
  await expect(history.getByRole('listitem').first()).toContainText('Stage change');
  await expect(history.getByRole('listitem').first()).toContainText('lead → customer');

  // A note, typed with markup: shown as the text it is.
  const log = panel.getByRole('form', { name: 'Log activity' });
  await log.getByRole('button', { name: 'Log note' }).click();
  await expect(log.getByText('Write the note first.')).toBeVisible();
  await log.getByLabel('Note').fill('Prefers <b>letters</b> to calls.\nAsk about the engine.');
  await log.getByRole('button', { name: 'Log note' }).click();
  await expect(log.getByRole('status')).toHaveText('Note logged.');
  await expect(history.getByRole('listitem').first()).toContainText('Prefers <b>letters</b> to calls.');
  await expect(history.locator('b')).toHaveCount(0);
  await expect(activity).toContainText(/Interactions, last 90 days\s*1/);

  // A call makes the contact "last contacted".
  await log.getByLabel('Type').selectOption('call');
  await log.getByLabel('Minutes').fill('25');
  await log.getByLabel('Outcome').fill('Agreed to a demo');
  await log.getByRole('button', { name: 'Log call' }).click();
  await expect(history.getByRole('listitem').first()).toContainText('25 min · Agreed to a demo');
  await expect(activity).toContainText('(today)');

  // A follow-up with a due date; completing it writes "Task done" to History.
  const followUp = panel.getByRole('form', { name: 'Add follow-up' });
  await followUp.getByLabel('Follow-up').fill('Send the proposal');
  await followUp.getByLabel('Due').fill('2030-01-15');
  await followUp.getByRole('button', { name: 'Add follow-up' }).click();
  const open = panel.getByRole('list', { name: 'Open follow-ups' });
  await expect(open.getByRole('listitem')).toHaveCount(1);
  await expect(open.getByRole('listitem')).toContainText('Send the proposal');
  await expect(open.getByRole('listitem')).toContainText('2030');

  // No serious or critical accessibility violations, in light and dark, at the narrowest width;
  // screenshots of both are kept as test artifacts.
  await panel.setViewportSize({ width: 320, height: 900 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page: panel }).analyze();
    const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious, `${colorScheme}: ${serious.map((v) => v.id).join(', ')}`).toEqual([]);
    await panel.screenshot({ path: test.info().outputPath(`profile-320-${colorScheme}.png`), fullPage: true });
  }
  await panel.emulateMedia({ colorScheme: null });

  await open.getByRole('button', { name: 'Mark “Send the proposal” done' }).click();
  await expect(panel.getByText('No open follow-ups.')).toBeVisible();
  await expect(history.getByRole('listitem').first()).toContainText('Task done');

  // Filter History by kind.
  await panel.getByRole('combobox', { name: 'Show' }).selectOption('note');
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history.getByRole('listitem')).toContainText('Ask about the engine.');
});

test('History of 5,000 entries renders only what is in view, and scrolls to the oldest', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  // Seeded straight into IndexedDB, bypassing lib/db: only History is under test here, not activity facts.
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
        id: 'busy', name: 'Busy Bee', emails: [], phones: [], profiles: [], tags: [], stage: 'customer', userFields: [],
        createdAt: now, updatedAt: now, profileUrls: [], searchTokens: ['busy', 'bee'],
      });
      for (let i = 0; i < 5000; i += 1) {
        tx.objectStore('interactions').put({
          id: `h${String(i).padStart(5, '0')}`, contactId: 'busy', kind: i % 2 ? 'note' : 'call', at: now - i * 3_600_000,
          body: `Entry number ${i + 1}`,
        });
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/busy`);
  await expect(panel.getByRole('heading', { name: 'Busy Bee' })).toBeVisible();
  const history = panel.getByRole('list', { name: 'History' });
  await expect(history.getByRole('listitem').first()).toContainText('Entry number 1');
  await expect(history.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '5000');
  expect(await history.getByRole('listitem').count()).toBeLessThan(60);

  const scroller = panel.getByRole('group', { name: 'History entries, newest first' });
  await scroller.focus();
  // End jumps to the estimated bottom; rows measured on the way may move it, so press until there.
  await expect(async () => {
    await scroller.press('End');
    await expect(history.getByRole('listitem').last()).toContainText('Entry number 5000', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(history.getByRole('listitem').last()).toHaveAttribute('aria-posinset', '5000');
});
