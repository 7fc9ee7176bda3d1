/**
 * Change alerts from the pages the user visits (issue 22, item 3): a routed LinkedIn profile of
 * a stored contact now shows a new title and company; the profile that opens by itself says so,
 * Update writes the fields and History records the change. Keep is covered by the unit tests.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, FIXTURE_PAGES, test } from './extension-fixture';

test('a routed LinkedIn profile with a new title raises the alert, and Update writes History', async ({ context, openPanelBeside }) => {
  const expected = JSON.parse(readFileSync(join(FIXTURE_PAGES, 'linkedin-public.expected.json'), 'utf8')) as { url: string };
  const before = readFileSync(join(FIXTURE_PAGES, 'linkedin-public.html'), 'utf8');
  // The same page a few months on: a new headline, a new employer in the structured data and the top card.
  const after = before
    .replaceAll('Rear Admiral · Computer Scientist at Navy Computing Lab', 'Head of Data at Initech')
    .replaceAll('"jobTitle":["Rear Admiral"]', '"jobTitle":["Head of Data"]')
    .replaceAll('United States Navy', 'Initech');
  expect(after).not.toBe(before);
  let html = before;
  await context.route('https://www.linkedin.com/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));

  const page = await context.newPage();
  await page.goto(expected.url);
  const panel = await openPanelBeside(page);
  await panel.getByRole('list', { name: 'People on this page' }).getByRole('button', { name: 'Add Grace Hopper' }).click();
  await expect(panel.getByRole('button', { name: 'Open Grace Hopper' })).toBeVisible();
  // What the page said when she was added raises nothing.
  await expect(panel.locator('.change-alert')).toHaveCount(0);

  html = after;
  await page.bringToFront();
  await page.reload();
  await panel.reload();
  await page.bringToFront();
  await expect(panel.getByRole('heading', { name: 'Grace Hopper', exact: true })).toBeVisible();
  const alert = panel.getByRole('group', { name: 'Changes to Grace Hopper on this page' });
  await expect(alert).toContainText('Grace’s profile now says Head of Data at Initech (stored: Rear Admiral · Computer Scientist at United States Navy).');
  await expect(alert.getByRole('button', { name: 'Keep Grace Hopper’s stored details' })).toBeVisible();
  // The alert's sentence and buttons pass axe in light and dark (no serious or critical violations).
  for (const colorScheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page: panel }).include('.change-alert').analyze();
    const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious, `${colorScheme}: ${serious.map((v) => v.id).join(', ')}`).toEqual([]);
    await panel.screenshot({ path: test.info().outputPath(`change-alert-${colorScheme}.png`), fullPage: true });
  }
  await panel.emulateMedia({ colorScheme: null });
  // Keyboard: Tab from Update reaches Keep.
  await alert.getByRole('button', { name: 'Update Grace Hopper from this page' }).focus();
  await panel.keyboard.press('Tab');
  await expect(alert.getByRole('button', { name: 'Keep Grace Hopper’s stored details' })).toBeFocused();

  await alert.getByRole('button', { name: 'Update Grace Hopper from this page' }).click();
  await expect(alert).toHaveCount(0);
  await expect(panel.getByText('Head of Data · Initech', { exact: true })).toBeVisible();
  const history = panel.getByRole('list', { name: 'History' });
  await expect(history.getByText('Profile change', { exact: true })).toBeVisible();
  await expect(history).toContainText('Title: Rear Admiral · Computer Scientist → Head of Data · Company: United States Navy → Initech');
});
