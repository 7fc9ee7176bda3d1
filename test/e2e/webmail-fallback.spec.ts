import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, FIXTURE_PAGES, test } from './extension-fixture';

/*
 * A Gmail thread whose class names Gmail renamed, served at Gmail's address: the real Gmail
 * content script's reader falls short, the generic fallback reads the people, and the panel says
 * so and copies a redacted outline of the page, only on the user's click.
 */
test('Gmail with renamed classes: the generic reader’s people, the note naming Gmail, and Copy diagnostics', async ({ context, openPanelBeside }) => {
  const name = 'gmail-thread-renamed';
  const expected = JSON.parse(readFileSync(join(FIXTURE_PAGES, `${name}.expected.json`), 'utf8')) as { url: string; contacts: Array<{ name: string }> };
  await context.route('https://mail.google.com/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', path: join(FIXTURE_PAGES, `${name}.html`) }));
  const page = await context.newPage();
  await page.goto(expected.url);
  const panel = await openPanelBeside(page);

  const note = panel.getByRole('note').filter({ hasText: 'showing what a generic reader found' });
  await expect(note).toHaveText(/^Gmail's page looks different from what this version knows; showing what a generic reader found\./);
  const people = panel.getByRole('list', { name: 'People on this page' });
  // Mentioned people (a name in a message body) wait behind "Show N more" (issue 15).
  await panel.getByRole('button', { name: /^Show \d+ more$/ }).click();
  for (const contact of expected.contacts) await expect(people.getByRole('button', { name: `Add ${contact.name}` })).toBeVisible();

  await panel.bringToFront();
  await note.getByRole('button', { name: 'Copy diagnostics' }).focus();
  await panel.keyboard.press('Enter');
  // Chromium lets a focused extension page write the clipboard on a user's key press; what it
  // holds is checked by the unit tests (the outline of this page, without text or values).
  await expect(note.getByRole('status')).toHaveText(/^Copied: /);
});
