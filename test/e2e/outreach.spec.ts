import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, FIXTURE_PAGES, test } from './extension-fixture';

/**
 * Outreach to a segment end to end (issue 22 item 4): a tag filter saved as a segment, a template,
 * and three members walked through Gmail's compose window (the fixture, served at Gmail's real
 * address): each compose tab opens with that member's address, subject and body, and History
 * logs each draft; the panel closed midway resumes where it was.
 */

interface SeedPerson {
  id: string;
  name: string;
  email?: string;
  company?: string;
}
const PEOPLE: SeedPerson[] = [
  { id: 'ada', name: 'Ada Lovelace', email: 'ada@engines.co', company: 'Analytical Engines' },
  { id: 'alan', name: 'Alan Turing', email: 'alan@bletchley.uk' },
  { id: 'grace', name: 'Grace Hopper', email: 'grace@cobol.dev', company: 'Navy' },
  { id: 'kat', name: 'Katherine Johnson' },
];
const TEMPLATE = { id: 'tpl-checkin', name: 'Check-in', subject: 'Hello {{firstName}}', body: 'Hi {{firstName}}, how is {{company}}?\nAda' };

/** Four "vip" contacts and one template, written into the extension's IndexedDB as lib/db would write them. */
async function seed(panel: Page): Promise<void> {
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  await panel.evaluate(
    async ({ people, template }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('sidebar-crm');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['contacts', 'templates'], 'readwrite');
        const at = Date.now();
        for (const person of people) {
          tx.objectStore('contacts').put({
            id: person.id,
            name: person.name,
            emails: person.email ? [person.email] : [],
            phones: [],
            profiles: [],
            tags: ['vip'],
            stage: 'customer',
            userFields: [],
            ...(person.company ? { company: person.company } : {}),
            createdAt: at,
            updatedAt: at,
            profileUrls: [],
            searchTokens: person.name.toLowerCase().split(' '),
          });
        }
        tx.objectStore('templates').put({ ...template, createdAt: at, updatedAt: at });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { people: PEOPLE, template: TEMPLATE },
  );
  await panel.reload();
}

test('outreach walks three members of a segment through the Gmail compose fixture, logging each in History', async ({ context, extensionId }) => {
  await context.route('https://mail.google.com/**', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', path: join(FIXTURE_PAGES, 'gmail-compose.html') }),
  );
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await seed(panel);

  // All contacts → Filter by tag → Save as segment.
  await panel.getByRole('combobox', { name: 'Filter by tag' }).selectOption('vip');
  await panel.getByRole('button', { name: 'Save as segment…' }).click();
  const form = panel.getByRole('form', { name: 'Save as segment' });
  await form.getByLabel('Segment name').fill('VIPs');
  await form.getByRole('button', { name: 'Save segment' }).click();

  // Saved segments → Outreach: the preview says who is left out and why before anything opens.
  await panel.getByRole('link', { name: 'Outreach to segment VIPs' }).click();
  await expect(panel.getByRole('heading', { name: 'Outreach to “VIPs”' })).toBeVisible();
  const outreachUrl = panel.url();
  const setup = panel.getByRole('form', { name: 'Start outreach' });
  await expect(setup.getByLabel('Template')).toHaveValue(TEMPLATE.id);
  await expect(setup.getByLabel('Mailbox')).toHaveValue('gmail');
  await expect(setup.getByRole('status')).toHaveText('3 to draft, 1 without an email address.');
  await expect(setup.getByRole('list', { name: 'Missing placeholder values' })).toHaveText('Alan Turing: {{company}}');
  await expect(setup.getByRole('list', { name: 'No email address' })).toHaveText('Katherine Johnson');
  expect((await new AxeBuilder({ page: panel }).include('.outreach').analyze()).violations).toEqual([]);
  await setup.getByRole('button', { name: 'Start outreach (3 drafts)' }).click();

  const expected = [
    { id: 'ada', name: 'Ada Lovelace', to: 'ada@engines.co', subject: 'Hello Ada', body: 'Hi Ada, how is Analytical Engines?\nAda' },
    { id: 'alan', name: 'Alan Turing', to: 'alan@bletchley.uk', subject: 'Hello Alan', body: 'Hi Alan, how is {{company}}?\nAda' },
    { id: 'grace', name: 'Grace Hopper', to: 'grace@cobol.dev', subject: 'Hello Grace', body: 'Hi Grace, how is Navy?\nAda' },
  ];
  const progress = panel.locator('.outreach-progress');
  for (const [index, member] of expected.entries()) {
    await expect(panel.getByRole('heading', { name: `${index + 1} of 3: ${member.name}` })).toBeVisible();
    await expect(progress).toHaveText(`${index} of 3 drafted`);
    // Keyboard: each member starts with Open draft focused; Enter opens the compose tab.
    const open = panel.getByRole('button', { name: 'Open draft in Gmail' });
    await expect(open).toBeFocused();
    const [compose] = await Promise.all([context.waitForEvent('page'), panel.keyboard.press('Enter')]);
    // The tab opens blank, then goes to the compose link.
    await compose.waitForURL(/^https:\/\/mail\.google\.com\//);
    const url = new URL(compose.url());
    expect(url.origin + url.pathname).toBe('https://mail.google.com/mail/');
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: 'cm', fs: '1', to: member.to, su: member.subject, body: member.body });
    await expect(compose.getByRole('textbox', { name: 'Message Body' })).toBeVisible(); // the routed fixture
    await compose.close();

    await panel.bringToFront();
    await panel.getByRole('button', { name: 'Drafted — next' }).click();
    if (index === 0) {
      // The panel closes after the first draft and opens again: the outreach resumes at the second.
      await expect(progress).toHaveText('1 of 3 drafted');
      await panel.reload();
    }
  }
  await expect(progress).toHaveText('Done: 3 of 3 drafted.');

  // History logged each draft as an outgoing email, so a new outreach skips them as contacted today.
  for (const member of expected) {
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/${member.id}`);
    await expect(panel.getByRole('list', { name: 'History' })).toContainText(member.subject);
  }
  await panel.goto(outreachUrl);
  await panel.getByRole('button', { name: 'Start a new outreach' }).click();
  await expect(panel.getByRole('form', { name: 'Start outreach' }).getByRole('status')).toHaveText('0 to draft, 3 skipped, 1 without an email address.');
  await expect(panel.getByRole('list', { name: 'Skipped: contacted recently' }).getByRole('listitem')).toHaveText([
    'Ada Lovelace: last contacted today',
    'Alan Turing: last contacted today',
    'Grace Hopper: last contacted today',
  ]);
});
