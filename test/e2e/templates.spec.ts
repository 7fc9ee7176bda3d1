import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, FIXTURE_PAGES, test } from './extension-fixture';

/** Roles and names of the page's accessibility tree, which also holds what closed shadow roots render. */
async function accessibleNames(page: Page): Promise<Array<{ role: string; name: string }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<{ ignored?: boolean; role?: { value?: string }; name?: { value?: string } }> };
    return nodes.filter((node) => !node.ignored).map((node) => ({ role: node.role?.value ?? '', name: node.name?.value ?? '' }));
  } finally {
    await cdp.detach();
  }
}

async function seriousViolations(page: Page, include: string): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).include(include).analyze();
  return axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
}

/**
 * Templates end to end in the built extension: one written in Options, previewed and copied
 * for a contact in the panel, and inserted into a Gmail compose window (the fixture, served at
 * Gmail's real address) filled in with the recipient's first name.
 */
test('a template written in Options is inserted into a Gmail compose box with the recipient’s first name', async ({
  context,
  extensionId,
  openPanelBeside,
}) => {
  // Options → Templates: a mistake is flagged and blocks saving; the fixed template is listed.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const section = options.getByRole('region', { name: 'Templates' });
  await expect(section.getByText('No templates yet')).toBeVisible();
  const form = section.getByRole('form', { name: 'New template' });
  await form.getByLabel('Name').fill('Intro');
  await form.getByLabel('Subject (optional)').fill('Hello from Ada');
  await form.getByLabel('Message').fill('Hi {{firstName|there}}, how is {{compnay}}?');
  await expect(form.getByRole('list', { name: 'Placeholder problems' })).toContainText('unknown placeholder “compnay”');
  await form.getByRole('button', { name: 'Add template' }).click();
  await expect(form.getByRole('status')).toHaveText('Nothing saved: fix the placeholders listed under the message.');
  await expect(section.getByRole('list', { name: 'Saved templates' })).toHaveCount(0);
  await form.getByLabel('Message').fill('Hi {{firstName|there}}, how is {{company}}?\nAda');
  await expect(form.getByText('Hi Ada, how is Analytical Engines Ltd?')).toBeVisible(); // the sample preview
  await form.getByRole('button', { name: 'Add template' }).click();
  await expect(section.getByRole('list', { name: 'Saved templates' }).getByRole('listitem')).toHaveText([/Intro\s*Hello from Ada/]);
  expect(await seriousViolations(options, 'main.options > section:has(.template-form)')).toEqual([]);

  // The recipient is stored as a contact: added from the Gmail compose fixture in the panel.
  const expected = JSON.parse(readFileSync(join(FIXTURE_PAGES, 'gmail-compose.expected.json'), 'utf8')) as { url: string };
  await context.route('https://mail.google.com/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', path: join(FIXTURE_PAGES, 'gmail-compose.html') }),
  );
  const gmail = await context.newPage();
  await gmail.goto(expected.url);
  const panel = await openPanelBeside(gmail);
  const people = panel.getByRole('list', { name: 'People on this page' });
  await people.getByRole('button', { name: 'Add Grace Hopper' }).click();
  await expect(people.getByRole('button', { name: 'Open Grace Hopper' })).toBeVisible();

  // Gmail: the Templates button beside the compose body lists the template filled in for Grace.
  // It lives in a closed shadow root, which neither the page nor Playwright's locators can enter:
  // it is driven as a person would, by keyboard, and read through the browser's accessibility tree.
  const body = gmail.getByRole('textbox', { name: 'Message Body' });
  await body.click();
  await gmail.keyboard.press('Control+Home');
  const picker = gmail.locator('sidebar-crm-templates');
  await expect(picker).toHaveCount(1);

  // The page's own scripts cannot open it, nor read what it would show.
  const seenByPage = await picker.evaluate((host: HTMLElement) => {
    host.click();
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    return { shadowRoot: host.shadowRoot === null ? null : 'open', text: host.textContent };
  });
  expect(seenByPage).toEqual({ shadowRoot: null, text: '' });
  expect(await accessibleNames(gmail)).not.toContainEqual(expect.objectContaining({ name: 'Templates for grace@cobol.dev' }));

  // A person: Shift+Tab from the message to the button, Enter opens the list (the first choice focused).
  await body.press('Shift+Tab');
  await gmail.keyboard.press('Enter');
  await expect.poll(() => accessibleNames(gmail)).toContainEqual({ role: 'group', name: 'Templates for grace@cobol.dev' });
  const choice = (await accessibleNames(gmail)).find((node) => node.role === 'button' && node.name.startsWith('Intro'));
  expect(choice?.name).toContain('Hi Grace, how is {{company}}?');
  expect(choice?.name).toContain('Missing: {{company}}');
  // Escape closes the list and gives the focus back to the button; Enter opens it again.
  await gmail.keyboard.press('Escape');
  await expect.poll(() => accessibleNames(gmail)).not.toContainEqual({ role: 'group', name: 'Templates for grace@cobol.dev' });
  expect(await gmail.evaluate(() => document.activeElement?.localName)).toBe('sidebar-crm-templates');
  await gmail.keyboard.press('Enter');
  await expect.poll(() => accessibleNames(gmail)).toContainEqual({ role: 'group', name: 'Templates for grace@cobol.dev' });
  await gmail.keyboard.press('Enter');
  await expect.poll(() => accessibleNames(gmail)).not.toContainEqual({ role: 'group', name: 'Templates for grace@cobol.dev' });
  await expect(body).toContainText('Hi Grace, how is {{company}}?');
  await expect(body).toContainText('Ada');
  // Inserted as text at the caret (the start), before what was already written.
  expect((await body.innerText()).startsWith('Hi Grace, how is {{company}}?')).toBe(true);
  await expect(body).toContainText('Dear Katherine, please find the invoice attached.');

  // The panel: Grace's profile previews the template, flags what is missing, and copies it.
  await panel.bringToFront();
  await people.getByRole('button', { name: 'Open Grace Hopper' }).click();
  const block = panel.getByRole('region', { name: 'Templates' });
  await expect(block.getByLabel('Template')).toHaveValue(/.+/);
  await expect(block.getByRole('group', { name: 'Preview of Intro' })).toContainText('Hello from Ada');
  await expect(block.getByRole('group', { name: 'Preview of Intro' })).toContainText('Hi Grace, how is {{company}}?');
  await expect(block.getByText('Missing for this contact: {{company}}')).toBeVisible();
  await block.getByRole('button', { name: 'Copy' }).click();
  await expect(block.getByRole('status')).toHaveText('Copied “Intro”, with placeholders still to fill in.');
  // What was copied, pasted where a person would paste it.
  await options.bringToFront();
  const pasteInto = options.getByRole('region', { name: 'Templates' }).getByLabel('Message');
  await pasteInto.fill('');
  await pasteInto.press('Control+V');
  await expect(pasteInto).toHaveValue('Hello from Ada\n\nHi Grace, how is {{company}}?\nAda');
  expect(await seriousViolations(panel, 'section.template-picker')).toEqual([]);
});
