import { expect, test } from './extension-fixture';

test('All contacts: search as you type, "/" to search, filter by stage', async ({ context, pagesOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const people = panel.getByRole('list', { name: 'People on this page' });
  for (const name of ['Ada Lovelace', 'Charles Babbage', 'office@analyticalengines.co.uk']) {
    await people.getByRole('button', { name: `Add ${name}` }).click();
  }
  const all = panel.getByRole('list', { name: 'All contacts' });
  await expect(all.getByRole('listitem')).toHaveCount(3);

  // "/" focuses the search box from anywhere that is not a text field.
  await panel.getByRole('heading', { name: 'All contacts' }).click();
  await panel.keyboard.press('/');
  const search = panel.getByRole('searchbox', { name: 'Search contacts' });
  await expect(search).toBeFocused();

  await search.pressSequentially('lov');
  await expect(all.getByRole('listitem')).toHaveCount(1);
  await expect(all.getByRole('button', { name: /Ada Lovelace/ })).toBeVisible();

  await search.fill('analyticalengines babb');
  await expect(all.getByRole('listitem')).toHaveCount(1);
  await expect(all.getByRole('button', { name: /Charles Babbage/ })).toBeVisible();

  await search.fill('nobody');
  await expect(panel.getByText('No contact matches.', { exact: false })).toBeVisible();

  await search.fill('');
  await panel.getByRole('combobox', { name: 'Filter by stage' }).selectOption('customer');
  await expect(panel.getByText('No contact matches.', { exact: false })).toBeVisible();
  await panel.getByRole('combobox', { name: 'Filter by stage' }).selectOption('lead');
  await expect(all.getByRole('listitem')).toHaveCount(3);
});
