import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './extension-fixture';
import { addDealInPanel, RECOMPUTE_TIMEOUT, seedDatabase } from './value-seed';

/**
 * Saved segments end to end (issue 22): the filter saved as a segment with a live count, applied
 * in All contacts, and its count following a real tier move (a won deal typed in another panel
 * tab, recomputed by the background, read live by the list); then Analytics for that segment.
 */
/**
 * The seeded book in one panel tab, Tess's profile in another after a first deal (the background
 * ranks everyone; Tess stays a small buyer), and the Save as segment form opened for "tier is
 * strategic".
 */
async function openStrategicSegmentForm(context: BrowserContext, extensionId: string) {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await seedDatabase(panel);
  const profile = await context.newPage();
  await profile.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/target`);
  await addDealInPanel(profile, 'Top-up', '25');
  await expect(profile.getByRole('region', { name: 'Value' }).locator('.tier-badge')).toHaveText(/^(Core|Growth)$/, { timeout: RECOMPUTE_TIMEOUT });
  await panel.getByRole('combobox', { name: 'Filter by tier' }).selectOption('strategic');
  await panel.getByRole('button', { name: 'Save as segment…' }).click();
  return { panel, profile, form: panel.getByRole('form', { name: 'Save as segment' }) };
}

test('a saved "tier is strategic" segment counts live and follows a contact whose tier moves', async ({ context, extensionId }) => {
  const { panel, profile, form } = await openStrategicSegmentForm(context, extensionId);
  await expect(form.getByLabel('Segment name')).toBeFocused();
  await expect(form.getByRole('list', { name: 'Conditions' })).toHaveText(/Tier is strategic/);
  await expect(form.getByRole('status')).toHaveText(/^\d+ contacts? match(es)?\.$/);
  await expect(form).toContainText('Read through the tier index (strategic).');
  expect((await new AxeBuilder({ page: panel }).include('.segment-form').analyze()).violations).toEqual([]);
  await form.getByLabel('Segment name').fill('Strategic customers');
  await form.getByRole('button', { name: 'Save segment' }).click();

  const bar = panel.locator('.segment-bar');
  await expect(bar).toHaveText(/^Segment “Strategic customers”: \d+ contacts?/);
  const countNow = async () => Number(/: (\d+) contact/.exec((await bar.textContent()) ?? '')?.[1]);
  const before = await countNow();
  expect(before).toBeGreaterThan(0);
  const saved = panel.getByRole('region', { name: 'Saved segments' });
  await expect(saved.getByRole('button', { name: 'Strategic customers', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const all = panel.getByRole('list', { name: 'All contacts' });
  await expect(all.getByRole('button', { name: /Tess Target/ })).toHaveCount(0);

  // Tess's tier moves: a deal far larger than everyone else's, typed in the other tab.
  await addDealInPanel(profile, 'Enterprise licence', '250,000');
  await expect(profile.getByRole('region', { name: 'Value' }).locator('.tier-badge')).toHaveText('Strategic', { timeout: RECOMPUTE_TIMEOUT });
  await expect(all.getByRole('button', { name: /Tess Target/ })).toHaveCount(1);
  await expect.poll(countNow).not.toBe(before);

  expect((await new AxeBuilder({ page: panel }).include('.saved-segments').include('.list-controls').analyze()).violations).toEqual([]);

  // Analytics for the segment: every chart holds its members only (here, strategic contacts).
  const members = await countNow();
  const analytics = await context.newPage();
  await analytics.goto(`chrome-extension://${extensionId}/analytics.html`);
  const tiers = analytics.getByRole('region', { name: 'Tiers' });
  const contactsCharted = async () => (await tiers.locator('tbody tr td:first-of-type').allTextContents()).reduce((sum, cell) => sum + Number(cell.replace(/\D/g, '')), 0);
  await expect.poll(contactsCharted).toBe(61); // every seeded customer and Tess
  await analytics.getByLabel('Segment').selectOption({ label: 'Strategic customers' });
  await expect.poll(contactsCharted).toBe(members);
  await expect(tiers.getByRole('row', { name: /^Strategic/ }).getByRole('cell').first()).toHaveText(String(members));
  expect((await new AxeBuilder({ page: analytics }).include('.analytics-header').analyze()).violations).toEqual([]);
});

/**
 * The live count while the form stays open: its tier keys are kept between counts
 * (lib/db/queries/segment-keys.ts), so a tier the background recomputes (written by the service
 * worker, heard here through Dexie's cross-context event) must drop them and re-count.
 */
test('the open form re-counts when the background moves a tier, as the full read counts', async ({ context, extensionId }) => {
  const { panel, profile, form } = await openStrategicSegmentForm(context, extensionId);
  const status = form.getByRole('status');
  await expect(status).toHaveText(/^\d+ contacts? match(es)?\.$/);
  const counted = async () => Number(/^(\d+)/.exec((await status.textContent()) ?? '')?.[1]);
  const before = await counted();
  // Counted again, from the kept keys: the form closed and opened again.
  await form.getByRole('button', { name: 'Cancel' }).click();
  await panel.getByRole('button', { name: 'Save as segment…' }).click();
  await expect(status).toHaveText(`${before} ${before === 1 ? 'contact matches' : 'contacts match'}.`);

  await addDealInPanel(profile, 'Enterprise licence', '250,000');
  await expect(profile.getByRole('region', { name: 'Value' }).locator('.tier-badge')).toHaveText('Strategic', { timeout: RECOMPUTE_TIMEOUT });
  await expect.poll(counted).not.toBe(before);
  const after = await counted();

  // The list reads the members' rows: the same number.
  await form.getByLabel('Segment name').fill('Strategic now');
  await form.getByRole('button', { name: 'Save segment' }).click();
  await expect(panel.locator('.segment-bar')).toHaveText(new RegExp(`^Segment “Strategic now”: ${after} contacts?`));
});
