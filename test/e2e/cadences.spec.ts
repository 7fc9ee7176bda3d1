import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './extension-fixture';
import { setWorkerClock, serviceWorker, wakeReminders, workerClock } from './worker-clock';

/**
 * Keep-in-touch cadences in the built extension, on a fake clock: a contact called "today" is
 * given a 30-day cadence and is not due; 31 days later the service worker counts them on the
 * toolbar badge (read through the extension API), Tasks says why, and logging a call clears both.
 * Time is moved in both places that read it: the panel through Playwright's clock, the worker
 * through a fake `Date` the test puts there (./worker-clock.ts). The worker re-plans when its
 * alarm fires, as it does when the planned wake-up comes due.
 */

const DAY_MS = 86_400_000;

/** Noon tomorrow, local time: ahead of the real clock, and far from midnight on either side. */
function noonTomorrow(): number {
  const day = new Date();
  day.setDate(day.getDate() + 1);
  day.setHours(12, 0, 0, 0);
  return day.getTime();
}

async function seedContact(panel: Page, id: string, name: string, createdAt: number): Promise<void> {
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
  }, { id, name, createdAt });
}

async function badge(context: BrowserContext): Promise<string> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } };
    return chrome.action.getBadgeText({});
  });
}

async function logCall(panel: Page, outcome: string): Promise<void> {
  const log = panel.getByRole('form', { name: 'Log activity' });
  await log.getByLabel('Type').selectOption('call');
  await log.getByLabel('Outcome').fill(outcome);
  await log.getByRole('button', { name: 'Log call' }).click();
  await expect(panel.getByText(outcome)).toBeVisible();
}

/** The worker still runs on the fake clock near `at` (a restarted worker would be back on the real one). */
async function expectWorkerClockNear(context: BrowserContext, at: number): Promise<void> {
  const now = await workerClock(context);
  expect(now, 'the service worker kept its fake clock (it was not restarted)').toBeDefined();
  expect(Math.abs(now! - at)).toBeLessThan(5 * 60_000);
}

test('on a fake clock, a contact falls due 31 days after a call on a 30-day cadence: the badge rises, Tasks says why, and logging a call clears it', async ({ context, extensionId }) => {
  const today = noonTomorrow();
  const later = today + 31 * DAY_MS;
  await setWorkerClock(context, today);
  await context.clock.install({ time: today });

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await seedContact(panel, 'ada', 'Ada Lovelace', today - 100 * DAY_MS);
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/ada`);
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await logCall(panel, 'Said hello');

  const toggle = panel.getByRole('button', { name: 'Keep-in-touch cadence for Ada Lovelace' });
  await toggle.click();
  const form = panel.getByRole('form', { name: 'Keep in touch with Ada Lovelace' });
  await form.getByLabel('Every (days)').fill('30');
  await form.getByRole('button', { name: 'Save cadence' }).click();
  await expect(panel.getByText('every 30 days', { exact: true })).toBeVisible();
  await expect(toggle).toBeFocused();

  // Touched today: not due.
  await expectWorkerClockNear(context, today);
  await wakeReminders(context);
  expect(await badge(context)).toBe('');
  await panel.getByRole('link', { name: 'Tasks' }).click();
  await expect(panel.getByRole('heading', { name: 'Tasks' })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Keep in touch' })).toHaveCount(0);

  // 31 days on, in the panel and in the worker.
  await expectWorkerClockNear(context, today);
  await context.clock.setSystemTime(later);
  await setWorkerClock(context, later);
  await wakeReminders(context);
  expect(await badge(context)).toBe('1');

  // The Tasks view is mounted again so it reads the moved clock.
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/ada`);
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await panel.getByRole('link', { name: 'Tasks' }).click();
  const list = panel.getByRole('list', { name: 'Keep in touch' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Ada Lovelace · Their own cadence: every 30 days — last touch 31 days ago');
  const axe = await new AxeBuilder({ page: panel }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // A call logged now (on the panel's clock) restarts the cadence: the worker re-plans from the log.
  await list.getByRole('link', { name: 'Ada Lovelace' }).click();
  await logCall(panel, 'Caught up');
  await expect.poll(() => badge(context), { timeout: 15_000 }).toBe('');
  await expectWorkerClockNear(context, later);

  await panel.getByRole('link', { name: 'Tasks' }).click();
  await expect(panel.getByRole('heading', { name: 'Tasks' })).toBeVisible();
  await expect(panel.getByRole('list', { name: 'Keep in touch' })).toHaveCount(0);
});
