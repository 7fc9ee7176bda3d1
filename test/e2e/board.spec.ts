import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './extension-fixture';

/**
 * The pipeline board, end to end in the built extension: a contact added from a fixture page is
 * put in a Recruiting pipeline made from the template, moved with the keyboard and by
 * drag-and-drop; the side panel profile then shows the new stage and History every move.
 */
test('moving a card on the board updates the contact’s stage and History', async ({ context, extensionId, pagesOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const onThisPage = panel.getByRole('list', { name: 'People on this page' });
  await onThisPage.getByRole('button', { name: 'Add Ada Lovelace' }).click();
  await expect(onThisPage.getByRole('button', { name: 'Open Ada Lovelace' })).toBeVisible();

  // The Board link opens the board in a tab of its own.
  const [board] = await Promise.all([context.waitForEvent('page'), panel.getByRole('link', { name: 'Board' }).click()]);
  await board.waitForLoadState();
  expect(board.url()).toBe(`chrome-extension://${extensionId}/board.html`);
  await expect(board.getByRole('heading', { name: 'No pipelines yet' })).toBeVisible();
  await board.getByRole('button', { name: 'Create Recruiting pipeline' }).click();
  await expect(board.getByLabel('Pipeline')).toHaveValue('recruiting');
  const column = (stage: string) => board.getByRole('region', { name: stage, exact: true });
  await expect(column('Sourced')).toContainText('0 people');

  // Put Ada in the first stage.
  await board.getByLabel('Find a person by name, email, company or tag').fill('lovelace');
  await board.getByRole('button', { name: 'Add Ada Lovelace to Sourced' }).click();
  const card = board.locator('.board-card', { hasText: 'Ada Lovelace' });
  await expect(column('Sourced').getByRole('listitem')).toHaveCount(1);
  await expect(column('Sourced')).toContainText('1 person');

  // Keyboard: Alt+Right Arrow moves one stage, focus stays on the card, the move is announced.
  await card.focus();
  await board.keyboard.press('Alt+ArrowRight');
  await expect(column('Contacted').locator('.board-card')).toHaveCount(1);
  await expect(card).toBeFocused();
  await expect(board.locator('.board-status')).toHaveText('Moved Ada Lovelace from Sourced to Contacted.');
  await board.keyboard.press('Alt+ArrowRight');
  await expect(column('Screening').locator('.board-card')).toHaveCount(1);
  await board.keyboard.press('Alt+ArrowLeft');
  await expect(column('Contacted').locator('.board-card')).toHaveCount(1);
  await board.keyboard.press('Alt+ArrowRight');
  await expect(column('Screening').locator('.board-card')).toHaveCount(1);
  await expect(column('Sourced')).toContainText('0 people');

  // Drag-and-drop: picked up by the card's edge (its menu takes clicks), dropped onto the Interviewing column.
  await card.dragTo(column('Interviewing'), { sourcePosition: { x: 4, y: 3 } });
  await expect(column('Interviewing').locator('.board-card')).toHaveCount(1);
  await expect(column('Interviewing')).toContainText('1 person');
  await expect(column('Screening')).toContainText('0 people');
  await expect(board.locator('.board-status')).toHaveText('Moved Ada Lovelace from Screening to Interviewing.');

  // No serious or critical accessibility violations, in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await board.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page: board }).analyze();
    const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious, `${colorScheme}: ${serious.map((v) => v.id).join(', ')}`).toEqual([]);
    await board.screenshot({ path: test.info().outputPath(`board-${colorScheme}.png`), fullPage: true });
  }
  await board.emulateMedia({ colorScheme: null });

  // The side panel profile shows the new stage, and History every move, newest first.
  await panel.bringToFront();
  await onThisPage.getByRole('button', { name: 'Open Ada Lovelace' }).click();
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  const stage = panel.getByLabel('Pipeline stage');
  await expect(stage).toHaveValue('recruiting:interviewing');
  await expect(stage.locator('option:checked')).toHaveText('Recruiting: Interviewing');
  const history = panel.getByRole('list', { name: 'History' });
  await expect(history.getByRole('listitem').first()).toContainText('Stage change');
  await expect(history.getByRole('listitem').first()).toContainText('Recruiting: Screening → Interviewing');
  await expect(history.getByRole('listitem')).toHaveCount(6);
  await expect(history.getByRole('listitem').last()).toContainText('Recruiting: added at Sourced');

  // A move from the profile shows on the board at once.
  await stage.selectOption('recruiting:offer');
  await expect(history.getByRole('listitem').first()).toContainText('Recruiting: Interviewing → Offer');
  await expect(column('Offer').locator('.board-card')).toHaveCount(1);
});
