import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, FIXTURE_PAGES, test } from './extension-fixture';

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
  const body = gmail.getByRole('textbox', { name: 'Message Body' });
  await body.click();
  await gmail.keyboard.press('Control+Home');
  const picker = gmail.locator('sidebar-crm-templates');
  await picker.getByRole('button', { name: 'Templates' }).click();
  const menu = picker.getByRole('group', { name: 'Templates for grace@cobol.dev' });
  const choice = menu.getByRole('button', { name: /^Intro/ });
  await expect(choice).toContainText('Hi Grace, how is {{company}}?');
  await expect(choice).toContainText('Missing: {{company}}');
  expect(await seriousViolations(gmail, 'sidebar-crm-templates')).toEqual([]);
  // Escape closes the list and gives the focus back to the button.
  await gmail.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(picker.getByRole('button', { name: 'Templates' })).toBeFocused();
  await picker.getByRole('button', { name: 'Templates' }).press('Enter');
  await menu.getByRole('button', { name: /^Intro/ }).click();
  await expect(menu).toBeHidden();
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
