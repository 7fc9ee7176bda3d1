/**
 * Every side-panel view, light and dark, at the panel's usual width: saved as test artifacts
 * (test-results/screenshots/) so a change in any view can be looked at; the README embeds two.
 * Each view is also checked to render its heading, so a broken view fails here too.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './extension-fixture';

const OUT = join(process.cwd(), 'test-results/screenshots');

async function shoot(panel: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme });
    await panel.screenshot({ path: join(OUT, `${name}-${colorScheme}.png`), fullPage: false });
  }
  await panel.emulateMedia({ colorScheme: 'light' });
}

test('screenshots of each side-panel view, light and dark', async ({ context, pagesOrigin, openPanelBeside }) => {
  mkdirSync(OUT, { recursive: true });
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  await panel.setViewportSize({ width: 400, height: 860 });
  const people = panel.getByRole('list', { name: 'People on this page' });
  await people.getByRole('button', { name: 'Add Ada Lovelace' }).click();
  await people.getByRole('button', { name: 'Add Charles Babbage' }).click();
  await shoot(panel, 'context');

  // Profile: a note, a call, a follow-up and a won deal, so every section has something to show.
  await people.getByRole('button', { name: 'Open Ada Lovelace' }).click();
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  const log = panel.getByRole('form', { name: 'Log activity' });
  await log.getByLabel('Note').fill('Prefers letters to calls. Ask about the engine.');
  await log.getByRole('button', { name: 'Log note' }).click();
  await expect(log.getByRole('status')).toHaveText('Note logged.');
  await log.getByLabel('Type').selectOption('call');
  await log.getByLabel('Minutes').fill('25');
  await log.getByLabel('Outcome').fill('Agreed to a demo');
  await log.getByRole('button', { name: 'Log call' }).click();
  const followUp = panel.getByRole('form', { name: 'Add follow-up' });
  await followUp.getByLabel('Follow-up').fill('Send the proposal');
  await followUp.getByLabel('Due').fill('2020-01-15');
  await followUp.getByRole('button', { name: 'Add follow-up' }).click();
  const deal = panel.getByRole('form', { name: 'Add deal' });
  await deal.getByLabel('Deal title').fill('Difference engine');
  await deal.getByLabel('Amount').fill('1200');
  await deal.getByRole('button', { name: 'Add deal' }).click();
  await expect(deal.getByRole('status')).toHaveText('Added “Difference engine”.');
  // The background's recompute, so the Value section shows its words rather than "Not ranked yet".
  await expect(panel.getByRole('region', { name: 'Value' })).toContainText('Not enough repeat purchases yet', { timeout: 30_000 });
  await panel.evaluate(() => window.scrollTo(0, 0));
  await shoot(panel, 'profile');

  await panel.evaluate(() => (location.hash = 'tasks'));
  await expect(panel.getByRole('heading', { name: /Tasks|Follow-ups/ }).first()).toBeVisible();
  await shoot(panel, 'tasks');

  // All contacts with a selection (the bulk-action bar showing).
  await panel.evaluate(() => (location.hash = ''));
  await panel.getByRole('checkbox', { name: 'Select Ada Lovelace' }).check();
  await panel.getByRole('checkbox', { name: 'Select Charles Babbage' }).check();
  await expect(panel.getByRole('region', { name: 'Bulk actions' })).toBeVisible();
  await panel.getByRole('heading', { name: 'All contacts' }).scrollIntoViewIfNeeded();
  await shoot(panel, 'all-contacts');

  // The merge view of the two.
  await panel.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: /^Merge/ }).click();
  await expect(panel).toHaveURL(/#merge\//);
  await expect(panel.getByRole('button', { name: /^Merge/ }).first()).toBeVisible();
  await shoot(panel, 'merge');
});

test('screenshot of the first-run welcome, light and dark', async ({ context, uncoveredOrigin, openPanelBeside }) => {
  mkdirSync(OUT, { recursive: true });
  // A new install on a page it may not read: nobody to show, no contact yet.
  const page = await context.newPage();
  await page.goto(`${uncoveredOrigin}/press.html`);
  const panel = await openPanelBeside(page);
  await panel.setViewportSize({ width: 400, height: 860 });
  await expect(panel.getByRole('heading', { name: 'Welcome to Sidebar CRM' })).toBeVisible();
  await shoot(panel, 'welcome');
});
