import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './extension-fixture';
import { addDealInPanel, RECOMPUTE_TIMEOUT, seedDatabase } from './value-seed';

/**
 * Value tiers end to end, in the built extension: deals typed into the side panel reach the
 * background recompute, which writes the values table the tier badge reads.
 *
 * Seeding (value-seed.ts): 60 repeat-buying contacts written straight into IndexedDB, bypassing
 * lib/db, so nothing is recomputed until the first deal typed into the panel, which is exactly
 * the path under test.
 */

test('adding a large won deal in the side panel moves the contact’s tier badge to Strategic', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await seedDatabase(panel);

  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/target`);
  await expect(panel.getByRole('heading', { name: 'Tess Target' })).toBeVisible();
  const value = panel.getByRole('region', { name: 'Value' });
  const deals = panel.getByRole('list', { name: 'Deals' });
  await expect(deals.getByRole('listitem')).toHaveCount(2);

  // Bad input is explained in words and nothing typed is lost.
  const form = panel.getByRole('form', { name: 'Add deal' });
  await form.getByLabel('Deal title').fill('Top-up');
  await form.getByLabel('Amount').fill('12.345');
  await form.getByRole('button', { name: 'Add deal' }).click();
  await expect(form.getByText('USD amounts have at most 2 decimals.')).toBeVisible();
  await expect(form.getByLabel('Amount')).toHaveValue('12.345');
  await expect(form.getByLabel('Amount')).toBeFocused();
  await expect(form.getByLabel('Deal title')).toHaveValue('Top-up');
  await expect(deals.getByRole('listitem')).toHaveCount(2);

  // A small purchase: the first write through lib/db, so the background ranks everyone.
  await addDealInPanel(panel, 'Top-up', '25');
  await expect(value.locator('.tier-badge')).toHaveText(/^(Core|Growth)$/, { timeout: RECOMPUTE_TIMEOUT });
  // Enough repeat buyers for a fit: the badge carries the model's figures, in words.
  await expect(value).toContainText(/Expected \d+\.\d purchases? worth \$[\d,.]+ in the next 52 weeks; P\(alive\) (0\.\d\d|<0\.01|1\.00)\./);
  await expect(value).not.toContainText('Not enough repeat purchases');
  const before = await value.locator('.tier-badge').textContent();

  // A large won deal: far more than everyone else together.
  await addDealInPanel(panel, 'Enterprise licence', '250,000');
  await expect(deals.getByRole('listitem')).toHaveCount(4);
  await expect(deals.getByRole('listitem').first()).toContainText('Enterprise licence');
  await expect(deals.getByRole('listitem').first()).toContainText('$250,000.00');
  await expect(value.locator('.tier-badge')).toHaveText('Strategic', { timeout: RECOMPUTE_TIMEOUT });
  await expect(value).toContainText(/top \d+ of 61 customers/i);
  expect(before).not.toBe('Strategic');

  // What the badge reads is the background's row, and it survives a reload of the panel.
  await panel.reload();
  await expect(panel.getByRole('region', { name: 'Value' }).locator('.tier-badge')).toHaveText('Strategic');

  const axe = await new AxeBuilder({ page: panel }).include('.tier').include('.deals').analyze();
  expect(axe.violations).toEqual([]);
});

test('without enough repeat buyers the Value section says so in plain words, the diagnostic behind a keyboard-operable Details', async ({
  context,
  extensionId,
}) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await seedDatabase(panel, { contacts: [{ id: 'solo', name: 'Sam Solo' }], deals: [] });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/solo`);
  await expect(panel.getByRole('heading', { name: 'Sam Solo' })).toBeVisible();
  await addDealInPanel(panel, 'First order', '40');

  const value = panel.getByRole('region', { name: 'Value' });
  await expect(value).toContainText('Not enough repeat purchases yet to predict future value — ranked by what they bought and how recently.', {
    timeout: RECOMPUTE_TIMEOUT,
  });
  await expect(value).toContainText('Predictions need about 30 customers with two or more purchases');
  await expect(value).not.toContainText('Model not fitted');
  const diagnostic = value.getByText('Only 0 customers with a repeat purchase; the model needs at least 30.');
  await expect(diagnostic).toBeHidden();
  // Keyboard: the disclosure's summary takes focus, and Enter opens it.
  const details = value.locator('summary', { hasText: 'Details' });
  await details.focus();
  await expect(details).toBeFocused();
  await panel.keyboard.press('Enter');
  await expect(diagnostic).toBeVisible();
  expect((await new AxeBuilder({ page: panel }).include('.tier').analyze()).violations).toEqual([]);
});

test('the analytics page charts the tiers with text alternatives; the options page validates and recomputes', async ({
  context,
  extensionId,
}) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await seedDatabase(panel);
  // The seed bypassed lib/db, so nothing has told the background yet. A purchase typed into the
  // panel is written through lib/db: the background's live query on the won deals sees it and
  // ranks everyone, seeded rows included (the target stays one of the 61 customers).
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/target`);
  await expect(panel.getByRole('heading', { name: 'Tess Target' })).toBeVisible();
  await addDealInPanel(panel, 'Top-up', '25');

  const opened = context.waitForEvent('page');
  await panel.getByRole('link', { name: 'Analytics' }).click();
  const analytics = await opened;
  await analytics.waitForLoadState();
  expect(analytics.url()).toBe(`chrome-extension://${extensionId}/analytics.html`);

  const pareto = analytics.getByRole('region', { name: 'Who holds the value' });
  await expect(pareto.getByRole('img', { name: /^Pareto curve: The top \d+ of 61 customers/ })).toBeVisible({ timeout: RECOMPUTE_TIMEOUT });
  await expect(pareto.getByRole('table')).toContainText('Share of value');
  const tiers = analytics.getByRole('region', { name: 'Tiers' });
  await expect(tiers.getByRole('rowheader', { name: /^Strategic/ })).toBeVisible();
  await expect(tiers.getByRole('img', { name: /^Tier sizes and value: Strategic contacts are/ })).toBeVisible();
  const funnel = analytics.getByRole('region', { name: 'Lifecycle' });
  await expect(funnel.getByRole('img', { name: /^Lifecycle funnel: 61 lead → 61 prospect → 61 customer → \d+ expansion\.$/ })).toBeVisible();
  await expect(analytics.getByRole('region', { name: 'Customers at risk' })).toBeVisible();
  await expect(analytics.getByRole('region', { name: 'Revenue' }).getByRole('img', { name: /^Revenue by month: \$[\d,]+ won over the last 24 months/ })).toBeVisible();
  // Every seeded deal is in dollars: the page names the currency and warns of nothing.
  await expect(analytics.getByRole('region', { name: 'Model status' })).toContainText('Amounts are in USD.');
  await expect(analytics.getByText(/without an exchange rate/)).toHaveCount(0);
  expect((await new AxeBuilder({ page: analytics }).analyze()).violations).toEqual([]);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const share = options.getByLabel('Strategic share of value (%)');
  await expect(share).toHaveValue('80');
  await share.fill('eighty');
  await options.getByRole('form', { name: 'Value model settings' }).getByRole('button', { name: 'Save value tier settings' }).click();
  await expect(options.getByText('Enter a percentage from 10 to 99, like 80.')).toBeVisible();
  await expect(share).toHaveValue('eighty');
  await expect(share).toBeFocused();
  await share.fill('50');
  // Currencies: a rate line that cannot be read is named and focused; a good one saves with the rest.
  const rates = options.getByLabel('Exchange rates (one a line)');
  await rates.fill('EUR 1.08\nGBP');
  await options.getByRole('form', { name: 'Value model settings' }).getByRole('button', { name: 'Save value tier settings' }).click();
  await expect(options.getByText('Line 2: write a currency code and a rate, like EUR 1.08.')).toBeVisible();
  await expect(rates).toBeFocused();
  await rates.fill('EUR 1.08\nGBP 1.27');
  await options.getByRole('form', { name: 'Value model settings' }).getByRole('button', { name: 'Save value tier settings' }).click();
  await expect(options.getByText('Saved. Tiers are being recomputed with these settings.')).toBeVisible();
  await expect(options.getByRole('status', { name: 'Recompute status' })).toHaveText(/^Tiers use the saved settings/, {
    timeout: RECOMPUTE_TIMEOUT,
  });
  expect((await new AxeBuilder({ page: options }).analyze()).violations).toEqual([]);

  // The analytics page follows the recompute: the strategic set now holds about half the value.
  await expect(pareto.getByRole('img', { name: /the strategic tier is the smallest such set holding 50%/ })).toBeVisible({
    timeout: RECOMPUTE_TIMEOUT,
  });
});
