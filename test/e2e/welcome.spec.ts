import AxeBuilder from '@axe-core/playwright';
import { duplicateControlNames } from './control-names';
import { expect, test } from './extension-fixture';

/**
 * The first-run welcome, end to end in the built extension (issue 23, item 6): on a page with
 * nobody to read, a new user is told what is read and where data lives, tries the bundled sample
 * page (an extension page that reads itself), adds someone there, and the welcome is gone for good.
 */
test('a new user tries the sample page from the welcome, adds someone, and the welcome does not come back', async ({
  context,
  uncoveredOrigin,
  openPanelBeside,
}) => {
  // A page the extension may not read: nobody on it.
  const page = await context.newPage();
  await page.goto(`${uncoveredOrigin}/press.html`);
  const panel = await openPanelBeside(page);
  await panel.setViewportSize({ width: 360, height: 900 });
  const welcome = panel.getByRole('region', { name: 'Welcome to Sidebar CRM' });
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText('stays in this browser');
  await expect(welcome).toContainText('optional');
  for (const colorScheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page: panel }).analyze();
    const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious, `${colorScheme}: ${serious.map((v) => v.id).join(', ')}`).toEqual([]);
    await panel.screenshot({ path: test.info().outputPath(`welcome-${colorScheme}.png`) });
  }
  await panel.emulateMedia({ colorScheme: null });
  expect(await duplicateControlNames(panel)).toEqual([]);

  // The sample page opens in a tab of its own and reads itself: its people show in the panel.
  const [sample] = await Promise.all([context.waitForEvent('page'), welcome.getByRole('button', { name: 'Try it on a sample page' }).click()]);
  await sample.waitForLoadState();
  expect(new URL(sample.url()).pathname).toBe('/sample.html');
  const samplePanel = await openPanelBeside(sample);
  const people = samplePanel.getByRole('list', { name: 'People on this page' });
  await expect(people.getByRole('button', { name: 'Add Grace Hopper' })).toBeVisible();
  await expect(people.getByRole('button', { name: 'Add Margaret Hamilton' })).toBeVisible();
  await people.getByRole('button', { name: 'Add Grace Hopper' }).click();
  await expect(people.getByRole('button', { name: 'Open Grace Hopper' })).toBeVisible();

  // A contact exists: the welcome is gone from the first panel, and stays gone after a reload.
  await expect(welcome).toHaveCount(0);
  await panel.reload();
  await expect(panel.getByRole('heading', { name: 'On this page' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  await expect(welcome).toHaveCount(0);
});

test('Import contacts in the welcome opens the options page at its import section', async ({ context, extensionId, uncoveredOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${uncoveredOrigin}/press.html`);
  const panel = await openPanelBeside(page);
  const welcome = panel.getByRole('region', { name: 'Welcome to Sidebar CRM' });
  const [options] = await Promise.all([context.waitForEvent('page'), welcome.getByRole('button', { name: 'Import contacts' }).click()]);
  await options.waitForLoadState();
  expect(options.url()).toBe(`chrome-extension://${extensionId}/options.html#import`);
  await expect(options.getByRole('heading', { name: 'Import', exact: true })).toBeInViewport();
});
