import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, FIXTURE_PAGES, test } from './extension-fixture';

/** No serious or critical axe violations, in light and dark. */
async function expectAccessible(panel: Page, view: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page: panel }).analyze();
    const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious, `${view}, ${colorScheme}: ${serious.map((v) => v.id).join(', ')}`).toEqual([]);
    await panel.screenshot({ path: test.info().outputPath(`${view}-${colorScheme}.png`), fullPage: true });
  }
  await panel.emulateMedia({ colorScheme: null });
}

test('Add all adds everyone on the page', async ({ context, pagesOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const onThisPage = panel.getByRole('list', { name: 'People on this page' });
  await expect(onThisPage.getByRole('button', { name: 'Add Ada Lovelace' })).toBeVisible();
  await expectAccessible(panel, 'context');

  await panel.getByRole('button', { name: 'Add all 3' }).click();
  await expect(onThisPage.getByRole('button', { name: 'Open Ada Lovelace' })).toBeVisible();
  await expect(onThisPage.getByRole('button', { name: 'Open Charles Babbage' })).toBeVisible();
  await expect(onThisPage.getByRole('button', { name: 'Open office@analyticalengines.co.uk' })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'All contacts' }).getByRole('listitem')).toHaveCount(3);
  await expect(panel.getByRole('button', { name: /^Add all/ })).toHaveCount(0);
});

test('Ignore hides a person, across a reload, until they are un-ignored', async ({ context, pagesOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const onThisPage = panel.getByRole('list', { name: 'People on this page' });
  await onThisPage.getByRole('button', { name: 'Ignore Charles Babbage' }).click();
  await expect(onThisPage.getByRole('button', { name: 'Add Charles Babbage' })).toHaveCount(0);
  await expect(onThisPage.getByRole('listitem')).toHaveCount(2);
  await expect(panel.getByRole('button', { name: 'Add all 2' })).toBeVisible();

  await panel.reload();
  await expect(onThisPage.getByRole('button', { name: 'Add Ada Lovelace' })).toBeVisible();
  await expect(onThisPage.getByRole('button', { name: 'Add Charles Babbage' })).toHaveCount(0);
  const toggle = panel.getByRole('button', { name: 'Ignored (1) — show' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  const ignored = panel.getByRole('list', { name: 'Ignored people' });
  await expect(ignored.getByRole('listitem')).toHaveCount(1);
  await expectAccessible(panel, 'context-ignored');

  await ignored.getByRole('button', { name: 'Un-ignore Charles Babbage' }).click();
  await expect(onThisPage.getByRole('button', { name: 'Add Charles Babbage' })).toBeVisible();
  await expect(onThisPage.getByRole('listitem')).toHaveCount(3);
  await expect(panel.getByRole('button', { name: /^Ignored \(/ })).toHaveCount(0);
});

test('arrow keys move through the lists, Enter opens, Esc returns from a profile', async ({
  context,
  pagesOrigin,
  openPanelBeside,
}) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const onThisPage = panel.getByRole('list', { name: 'People on this page' });
  await panel.getByRole('button', { name: 'Add all 3' }).click();
  await expect(onThisPage.getByRole('button', { name: 'Open office@analyticalengines.co.uk' })).toBeVisible();

  await onThisPage.getByRole('button', { name: 'Open Ada Lovelace' }).focus();
  await panel.keyboard.press('ArrowDown');
  await expect(onThisPage.getByRole('button', { name: 'Open Charles Babbage' })).toBeFocused();
  await panel.keyboard.press('ArrowDown');
  await expect(onThisPage.getByRole('button', { name: 'Open office@analyticalengines.co.uk' })).toBeFocused();
  await panel.keyboard.press('ArrowUp');
  await expect(onThisPage.getByRole('button', { name: 'Open Charles Babbage' })).toBeFocused();

  const allContacts = panel.getByRole('list', { name: 'All contacts' });
  await allContacts.getByRole('button', { name: /Ada Lovelace/ }).focus();
  await panel.keyboard.press('ArrowDown');
  await expect(allContacts.getByRole('button', { name: /Charles Babbage/ })).toBeFocused();
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('heading', { name: 'Charles Babbage' })).toBeVisible();

  // Esc inside a text field belongs to the field; elsewhere it goes back to the list.
  await panel.getByRole('region', { name: 'Details' }).getByLabel('Job title').focus();
  await panel.keyboard.press('Escape');
  await expect(panel.getByRole('heading', { name: 'Charles Babbage' })).toBeVisible();
  await panel.getByRole('button', { name: '← Back' }).focus();
  await panel.keyboard.press('Escape');
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Charles Babbage' })).toHaveCount(0);
});

test('the Tasks view lists an overdue follow-up across contacts, and Done removes it', async ({
  context,
  pagesOrigin,
  openPanelBeside,
}) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  await panel.getByRole('link', { name: 'Tasks' }).click();
  await expect(panel.getByRole('heading', { name: 'Tasks' })).toBeVisible();
  await expect(panel.getByText('No open follow-ups. Open a contact')).toBeVisible();
  await panel.keyboard.press('Escape');

  const onThisPage = panel.getByRole('list', { name: 'People on this page' });
  await onThisPage.getByRole('button', { name: 'Add Ada Lovelace' }).click();
  await onThisPage.getByRole('button', { name: 'Open Ada Lovelace' }).click();
  const followUp = panel.getByRole('form', { name: 'Add follow-up' });
  await followUp.getByLabel('Follow-up').fill('Send the proposal');
  await followUp.getByLabel('Due').fill('2020-01-15');
  await followUp.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(panel.getByRole('list', { name: 'Open follow-ups' }).getByRole('listitem')).toHaveCount(1);

  await panel.getByRole('link', { name: 'Tasks' }).click();
  const overdue = panel.getByRole('list', { name: 'Overdue follow-ups' });
  await expect(overdue.getByRole('listitem')).toHaveCount(1);
  await expect(overdue.getByRole('listitem')).toContainText('Send the proposal');
  await expect(overdue.getByRole('listitem')).toContainText('Overdue since');
  await expect(overdue.getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', /^#contact\//);
  await expectAccessible(panel, 'tasks');

  await overdue.getByRole('button', { name: 'Mark “Send the proposal” done' }).click();
  await expect(panel.getByText('No open follow-ups. Open a contact')).toBeVisible();
  await expect(panel.getByRole('status').filter({ hasText: 'Done: “Send the proposal”.' })).toBeVisible();
});

test('a profile page of a known contact opens straight into their profile, with a way back', async ({
  context,
  openPanelBeside,
}) => {
  // The GitHub fixture, served at its real address (no network) so the profiles script reads it.
  const expected = JSON.parse(readFileSync(join(FIXTURE_PAGES, 'github-profile.expected.json'), 'utf8')) as {
    url: string;
    contacts: Array<{ name?: string; emails: string[] }>;
  };
  await context.route(`${new URL(expected.url).origin}/**`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', path: join(FIXTURE_PAGES, 'github-profile.html') }),
  );
  const owner = expected.contacts[0]!;
  const name = owner.name ?? owner.emails[0]!;
  const page = await context.newPage();
  await page.goto(expected.url);
  const panel = await openPanelBeside(page);
  // Unknown at first: listed with Add, and adding does not jump away from the list.
  await panel.getByRole('list', { name: 'People on this page' }).getByRole('button', { name: `Add ${name}` }).click();
  await expect(panel.getByRole('button', { name: `Open ${name}` })).toBeVisible();

  // A new visit (the panel opened again): straight into the profile.
  await panel.reload();
  await expect(panel.getByRole('heading', { name, exact: true })).toBeVisible();
  await panel.getByRole('button', { name: '← Back to this page' }).click();
  await expect(panel.getByRole('button', { name: `Open ${name}` })).toBeVisible();
  await expect(panel.getByRole('heading', { name, exact: true })).toHaveCount(0);
  await expect(panel.getByRole('heading', { name: 'On this page' })).toBeVisible();
});
