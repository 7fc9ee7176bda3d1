import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, test } from './extension-fixture';

/**
 * Keep-in-touch cadences in the built extension: a contact added 100 days ago and never touched
 * is given a 30-day cadence on their profile; the service worker counts them on the toolbar badge
 * (read through the extension API), Tasks says why, and logging a call clears both. The clock is
 * moved by the data rather than by faking time: the worker's own Date cannot be faked from the
 * test, so the contact is written as added 100 days before the real now.
 */

const DAY_MS = 86_400_000;

async function seedContact(panel: Page, id: string, name: string): Promise<void> {
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  await panel.evaluate(async ({ id, name, createdAt }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sidebar-crm');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['contacts'], 'readwrite');
      tx.objectStore('contacts').put({
        id, name, emails: [], phones: [], profiles: [], tags: [], userFields: [], stage: 'customer',
        createdAt, updatedAt: createdAt, profileUrls: [], searchTokens: name.toLowerCase().split(' '),
      });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { id, name, createdAt: Date.now() - 100 * DAY_MS });
}

async function badge(context: BrowserContext): Promise<string> {
  const worker: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } };
    return chrome.action.getBadgeText({});
  });
}

test('a contact falling due on a 30-day cadence raises the badge, Tasks says why, and logging a call clears it', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await seedContact(panel, 'ada', 'Ada Lovelace');
  expect(await badge(context)).toBe('');

  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/ada`);
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  const toggle = panel.getByRole('button', { name: 'Keep-in-touch cadence for Ada Lovelace' });
  await toggle.click();
  const form = panel.getByRole('form', { name: 'Keep in touch with Ada Lovelace' });
  await form.getByLabel('Every (days)').fill('30');
  await form.getByRole('button', { name: 'Save cadence' }).click();
  await expect(panel.getByText('every 30 days', { exact: true })).toBeVisible();
  await expect(toggle).toBeFocused();
  await expect.poll(() => badge(context), { timeout: 15_000 }).toBe('1');

  await panel.getByRole('link', { name: 'Tasks' }).click();
  const list = panel.getByRole('list', { name: 'Keep in touch' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Ada Lovelace · Their own cadence: every 30 days — no touch since added 100 days ago');
  const axe = await new AxeBuilder({ page: panel }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await list.getByRole('link', { name: 'Ada Lovelace' }).click();
  const log = panel.getByRole('form', { name: 'Log activity' });
  await log.getByLabel('Type').selectOption('call');
  await log.getByLabel('Outcome').fill('Caught up');
  await log.getByRole('button', { name: 'Log call' }).click();
  await expect.poll(() => badge(context), { timeout: 15_000 }).toBe('');

  await panel.getByRole('link', { name: 'Tasks' }).click();
  await expect(panel.getByRole('heading', { name: 'Tasks' })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Keep in touch' })).toHaveCount(0);
});
