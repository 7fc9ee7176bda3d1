import { expect, test } from './extension-fixture';

test('pausing detection on a site hides its people until resumed', async ({ context, pagesOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const people = panel.getByRole('list', { name: 'People on this page' });
  await expect(people.getByRole('button', { name: 'Add Ada Lovelace' })).toBeVisible();

  const pause = panel.getByRole('checkbox', { name: 'Pause detection on 127.0.0.1' });
  await pause.check();
  await expect(people).toHaveCount(0);
  await expect(panel.getByText('No people found on this page.')).toBeVisible();

  await pause.uncheck();
  await expect(people.getByRole('button', { name: 'Add Ada Lovelace' })).toBeVisible();
});

test('a page outside the supported sites is not read, and the panel says how to read it', async ({
  context,
  uncoveredOrigin,
  openPanelBeside,
}) => {
  const page = await context.newPage();
  await page.goto(`${uncoveredOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  await expect(panel.getByText('This page has not been read.', { exact: false })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'People on this page' })).toHaveCount(0);

  await panel.getByRole('button', { name: 'Scan this page' }).click();
  // No activeTab grant from a click inside the panel, and no permission for the site: say so.
  const notice = panel.getByRole('alert');
  await expect(notice).toContainText('may not read this page yet');
  await expect(notice.getByRole('button', { name: 'Always scan 127.0.0.2' })).toBeVisible();
});
