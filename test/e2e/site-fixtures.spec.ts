import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, FIXTURE_PAGES, test } from './extension-fixture';

interface Expected {
  url: string;
  contacts: Array<{ name?: string; emails: string[]; role: string }>;
}

/**
 * A sample of the site fixtures, served at their real addresses (no network: Playwright answers
 * the request), so the real per-site content scripts read them in Chromium.
 */
async function serveFixtureAtItsAddress(context: BrowserContext, name: string): Promise<Expected> {
  const expected = JSON.parse(readFileSync(join(FIXTURE_PAGES, `${name}.expected.json`), 'utf8')) as Expected;
  const origin = new URL(expected.url).origin;
  await context.route(`${origin}/**`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', path: join(FIXTURE_PAGES, `${name}.html`) }),
  );
  return expected;
}

const shownAs = (contact: Expected['contacts'][number]) => contact.name ?? contact.emails[0]!;

/** Opens a site fixture at its address beside the panel; every expected person is offered, the signed-in account never. */
async function openFixtureBeside(context: BrowserContext, openPanelBeside: (page: Page) => Promise<Page>, name: string) {
  const expected = await serveFixtureAtItsAddress(context, name);
  const page = await context.newPage();
  await page.goto(expected.url);
  const panel = await openPanelBeside(page);
  const people = panel.getByRole('list', { name: 'People on this page' });
  // Mentioned people (a name in a message body) wait behind "Show N more" (issue 15).
  if (expected.contacts.some((contact) => contact.role === 'mentioned')) await panel.getByRole('button', { name: /^Show \d+ more$/ }).click();
  for (const contact of expected.contacts) {
    await expect(people.getByRole('button', { name: `Add ${shownAs(contact)}` })).toBeVisible();
  }
  await expect(people.getByRole('listitem')).toHaveCount(expected.contacts.length);
  // The signed-in account is never proposed.
  await expect(panel.getByText('ada@lovelace.io')).toHaveCount(0);
  return { expected, page, panel, people };
}

interface StoredInteraction {
  kind: string;
  externalId?: string;
  subject?: string;
  durationMinutes?: number;
}

/** The interactions in the extension's IndexedDB, as the panel's page sees them. */
async function interactionsIn(panel: Page): Promise<StoredInteraction[]> {
  return panel.evaluate(async () => {
    const request = indexedDB.open('sidebar-crm');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<StoredInteraction[]>((resolve) => {
      const all = db.transaction('interactions').objectStore('interactions').getAll();
      all.onsuccess = () => resolve(all.result as StoredInteraction[]);
    });
    db.close();
    return rows;
  });
}

test('Gmail: the open thread’s participants appear, and adding one logs the thread as history', async ({
  context,
  openPanelBeside,
}) => {
  const { expected, panel, people } = await openFixtureBeside(context, openPanelBeside, 'gmail-thread');
  const sender = expected.contacts[0]!;
  await people.getByRole('button', { name: `Add ${shownAs(sender)}` }).click();
  await expect(people.getByRole('button', { name: `Open ${shownAs(sender)}` })).toBeVisible();
  const logged = (await interactionsIn(panel)).map((row) => row.kind);
  expect(logged.length).toBeGreaterThan(0);
  expect(new Set(logged)).toEqual(new Set(['email']));

  // Her History says who wrote to whom, the thread as one row that opens from the keyboard.
  await people.getByRole('button', { name: `Open ${shownAs(sender)}` }).click();
  const history = panel.getByRole('list', { name: 'History' });
  const thread = history.getByRole('button', { name: 'Email thread Q3 order: Analytical Engine parts (3 messages)' });
  await expect(thread).toHaveAttribute('aria-expanded', 'false');
  await expect(history).toContainText('Latest: Grace Hopper → you, charles@differenceengine.co.uk');
  await thread.focus();
  await panel.keyboard.press('Enter');
  await expect(thread).toHaveAttribute('aria-expanded', 'true');
  const messages = history.getByRole('list', { name: 'Messages in “Q3 order: Analytical Engine parts”, newest first' });
  await expect(messages.locator('.history-people')).toHaveText([
    'Grace Hopper → you, charles@differenceengine.co.uk',
    'you → Grace Hopper, charles@differenceengine.co.uk, alan.turing@bletchley.uk',
    'Grace Hopper → you, charles@differenceengine.co.uk',
  ]);
  await panel.keyboard.press('Space');
  await expect(thread).toHaveAttribute('aria-expanded', 'false');
});

test('GitHub: the profile’s owner appears, recognised by profile URL once added', async ({ context, openPanelBeside }) => {
  const expected = await serveFixtureAtItsAddress(context, 'github-profile');
  const page = await context.newPage();
  await page.goto(expected.url);
  const panel = await openPanelBeside(page);
  const people = panel.getByRole('list', { name: 'People on this page' });
  const owner = expected.contacts[0]!;
  await people.getByRole('button', { name: `Add ${shownAs(owner)}` }).click();
  await panel.getByRole('button', { name: `Open ${shownAs(owner)}` }).click();
  await expect(panel.getByRole('link', { name: expected.url })).toHaveAttribute('href', expected.url);
});

/** The meetings logged, by what identifies them. */
const meetingsIn = async (panel: Page) =>
  (await interactionsIn(panel))
    .filter((row) => row.kind === 'meeting')
    .map(({ externalId, subject, durationMinutes }) => ({ externalId, subject, durationMinutes }));

test('Google Calendar: the open event’s organizer and guests appear; adding the organizer logs the meeting once, however often the page is read', async ({
  context,
  openPanelBeside,
}) => {
  const { page, panel, people } = await openFixtureBeside(context, openPanelBeside, 'google-calendar-dialog');
  await people.getByRole('button', { name: 'Add Grace Hopper' }).click();
  await expect(people.getByRole('button', { name: 'Open Grace Hopper' })).toBeVisible();
  // Once known, the row says why she is here: she organised the event (not "Sender").
  await expect(people.getByRole('listitem').filter({ hasText: 'Grace Hopper' })).toContainText('Organizer');
  const meeting = { externalId: 'meeting:google-calendar:6bf3d4hk8r5q70al2vcaf5e11o', subject: 'Quarterly roadmap review', durationMinutes: 60 };
  await expect.poll(() => meetingsIn(panel)).toEqual([meeting]);

  // Opening the event again: the content script reads it and the background sees a known contact.
  await page.reload();
  await expect(people.getByRole('button', { name: 'Open Grace Hopper' })).toBeVisible();
  await page.waitForTimeout(1_500);
  expect(await meetingsIn(panel)).toEqual([meeting]);
});
