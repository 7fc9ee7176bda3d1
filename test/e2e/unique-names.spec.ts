import type { Page } from '@playwright/test';
import { duplicateControlNames } from './control-names';
import { expect, test } from './extension-fixture';

/**
 * Every view of the extension, end to end: no two controls in one view share a role and an
 * accessible name. A screen-reader user who lists the controls (or says "click Title") cannot
 * tell two "Title" textboxes apart, so each must say what it is ("Job title", "Deal title").
 */

async function expectUniqueNames(page: Page, view: string): Promise<void> {
  expect.soft(await duplicateControlNames(page), `${view}: controls sharing a role and name`).toEqual([]);
}

test('no two controls in any view share a role and an accessible name', async ({ context, extensionId, pagesOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  await panel.setViewportSize({ width: 400, height: 900 });
  const people = panel.getByRole('list', { name: 'People on this page' });
  await people.getByRole('button', { name: 'Add Ada Lovelace' }).click();
  await people.getByRole('button', { name: 'Add Charles Babbage' }).click();
  await expect(people.getByRole('button', { name: 'Open Charles Babbage' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  await expectUniqueNames(panel, 'home (on this page, all contacts)');

  // The profile, with something in every section: a note, a follow-up and a deal.
  await people.getByRole('button', { name: 'Open Ada Lovelace' }).click();
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  const log = panel.getByRole('form', { name: 'Log activity' });
  await log.getByLabel('Note').fill('Prefers letters to calls.');
  await log.getByRole('button', { name: 'Log note' }).click();
  await expect(log.getByRole('status')).toHaveText('Note logged.');
  const followUp = panel.getByRole('form', { name: 'Add follow-up' });
  await followUp.getByLabel('Follow-up').fill('Send the proposal');
  await followUp.getByLabel('Due').fill('2030-01-15');
  await followUp.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(panel.getByRole('list', { name: 'Open follow-ups' }).getByRole('listitem')).toHaveCount(1);
  const deal = panel.getByRole('form', { name: 'Add deal' });
  await deal.getByRole('textbox', { name: 'Deal title' }).fill('Difference engine');
  await deal.getByLabel('Amount').fill('1200');
  await deal.getByRole('button', { name: 'Add deal' }).click();
  await expect(deal.getByRole('status')).toHaveText('Added “Difference engine”.');
  await expect(panel.getByRole('region', { name: 'Details' }).getByRole('textbox', { name: 'Job title' })).toBeVisible();
  await expectUniqueNames(panel, 'profile');

  await panel.evaluate(() => (location.hash = 'tasks'));
  await expect(panel.getByRole('heading', { name: /Tasks|Follow-ups/ }).first()).toBeVisible();
  await expectUniqueNames(panel, 'tasks');

  await panel.evaluate(() => (location.hash = 'next'));
  await expect(panel.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expectUniqueNames(panel, 'next actions');

  // The merge view of the two contacts.
  await panel.evaluate(() => (location.hash = ''));
  await panel.getByRole('checkbox', { name: 'Select Ada Lovelace' }).check();
  await panel.getByRole('checkbox', { name: 'Select Charles Babbage' }).check();
  await expectUniqueNames(panel, 'all contacts with a selection');
  await panel.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: /^Merge/ }).click();
  await expect(panel).toHaveURL(/#merge\//);
  await expect(panel.getByRole('button', { name: /^Merge/ }).first()).toBeVisible();
  await expectUniqueNames(panel, 'merge');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Sidebar CRM options' })).toBeVisible();
  await expect(options.getByRole('form', { name: 'Value model settings' })).toBeVisible();
  await expectUniqueNames(options, 'options');

  const analytics = await context.newPage();
  await analytics.goto(`chrome-extension://${extensionId}/analytics.html`);
  await expect(analytics.getByRole('heading', { level: 1 })).toBeVisible();
  await expectUniqueNames(analytics, 'analytics');

  const board = await context.newPage();
  await board.goto(`chrome-extension://${extensionId}/board.html`);
  await board.getByRole('button', { name: 'Create Recruiting pipeline' }).click();
  await expect(board.getByLabel('Pipeline')).toHaveValue('recruiting');
  await board.getByLabel('Find a person by name, email, company or tag').fill('lovelace');
  await board.getByRole('button', { name: 'Add Ada Lovelace to Sourced' }).click();
  await expect(board.getByRole('region', { name: 'Sourced', exact: true }).getByRole('listitem')).toHaveCount(1);
  await expectUniqueNames(board, 'board');
});
