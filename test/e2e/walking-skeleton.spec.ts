import { expect, test } from './extension-fixture';

test('a person on a page is detected, added from the side panel and still there after reload', async ({
  context,
  pagesOrigin,
  openPanelBeside,
}) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);

  const panel = await openPanelBeside(page);
  const onThisPage = panel.getByRole('list', { name: 'People on this page' });
  await expect(onThisPage.getByRole('button', { name: 'Add Ada Lovelace' })).toBeVisible();
  await expect(onThisPage.getByRole('button', { name: 'Add Charles Babbage' })).toBeVisible();
  // "Email us" is not a name: the office address is shown by its address.
  await expect(onThisPage.getByRole('button', { name: 'Add office@analyticalengines.co.uk' })).toBeVisible();
  await expect(onThisPage.getByRole('listitem')).toHaveCount(3);

  await onThisPage.getByRole('button', { name: 'Add Ada Lovelace' }).click();
  // Recognised now: the row links to her profile instead of offering Add.
  await expect(onThisPage.getByRole('button', { name: 'Open Ada Lovelace' })).toBeVisible();

  await panel.reload();
  const allContacts = panel.getByRole('list', { name: 'All contacts' });
  await expect(allContacts.getByRole('button', { name: /Ada Lovelace/ })).toBeVisible();
  await expect(allContacts.getByRole('listitem')).toHaveCount(1);

  await allContacts.getByRole('button', { name: /Ada Lovelace/ }).click();
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'ada.lovelace@analyticalengines.co.uk' })).toHaveAttribute(
    'href',
    'mailto:ada.lovelace@analyticalengines.co.uk',
  );
});

test('the panel follows its tab when it navigates to another page', async ({ context, pagesOrigin, openPanelBeside }) => {
  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  const onThisPage = panel.getByRole('list', { name: 'People on this page' });
  await expect(onThisPage.getByRole('button', { name: 'Add Ada Lovelace' })).toBeVisible();

  await page.goto(`${pagesOrigin}/press.html`);
  await expect(onThisPage.getByRole('button', { name: 'Add Grace Hopper' })).toBeVisible();
  await expect(onThisPage.getByRole('button', { name: 'Add Ada Lovelace' })).toHaveCount(0);
});

test('adding the same person twice keeps one contact', async ({ context, pagesOrigin, openPanelBeside }) => {
  const first = await context.newPage();
  await first.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(first);
  await panel.getByRole('button', { name: 'Add Ada Lovelace' }).click();
  await expect(panel.getByRole('button', { name: 'Open Ada Lovelace' })).toBeVisible();

  const second = await context.newPage();
  await second.goto(`${pagesOrigin}/team.html?again`);
  const secondPanel = await openPanelBeside(second);
  // Already a contact: recognised, so there is nothing to add.
  await expect(secondPanel.getByRole('button', { name: 'Open Ada Lovelace' })).toBeVisible();
  await expect(secondPanel.getByRole('list', { name: 'All contacts' }).getByRole('listitem')).toHaveCount(1);
});

test('without ?tab the panel follows whichever tab is active', async ({ context, pagesOrigin, extensionId }) => {
  const team = await context.newPage();
  await team.goto(`${pagesOrigin}/team.html`);
  const press = await context.newPage();
  await press.goto(`${pagesOrigin}/press.html`);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const onThisPage = panel.getByRole('region', { name: 'On this page' });

  await team.bringToFront();
  await expect(onThisPage.getByRole('button', { name: 'Add Ada Lovelace' })).toBeVisible();
  await press.bringToFront();
  await expect(onThisPage.getByRole('button', { name: 'Add Grace Hopper' })).toBeVisible();
  await expect(onThisPage.getByRole('button', { name: 'Add Ada Lovelace' })).toHaveCount(0);
});

test('a malformed message is rejected and the service worker keeps working', async ({
  context,
  pagesOrigin,
  extensionId,
  openPanelBeside,
}) => {
  const panelPage = await context.newPage();
  await panelPage.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const answers = await panelPage.evaluate(async () => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
      .chrome;
    return Promise.all([
      runtime.sendMessage({ type: 'detections', url: 1, contacts: 'garbage' }),
      runtime.sendMessage('not even an object'),
      runtime.sendMessage({ type: 'get-tab-detections', tabId: -5 }),
    ]);
  });
  expect(answers).toEqual([
    expect.objectContaining({ ok: false }),
    expect.objectContaining({ ok: false }),
    expect.objectContaining({ ok: false }),
  ]);

  const page = await context.newPage();
  await page.goto(`${pagesOrigin}/team.html`);
  const panel = await openPanelBeside(page);
  await expect(panel.getByRole('button', { name: 'Add Ada Lovelace' })).toBeVisible();
});
