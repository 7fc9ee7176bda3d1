import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, test } from './extension-fixture';

/**
 * Follow-ups on time, in the built extension: a follow-up typed as due yesterday raises a
 * reminder notification and the toolbar badge (both read from the service worker through the
 * extension API), and snoozing it to tomorrow clears both. Next best actions: a seeded at-risk
 * contact gets a "Win back" suggestion that says why, which becomes a follow-up or is dismissed.
 */

const DAY_MS = 86_400_000;

interface SeedContact {
  id: string;
  name: string;
  stage: 'lead' | 'prospect' | 'customer' | 'expansion' | 'at-risk' | 'churned';
}

/** Contacts written straight into the extension's IndexedDB (rows as lib/db writes them), added 100 days ago. */
async function seedContacts(panel: Page, contacts: SeedContact[]): Promise<void> {
  await expect(panel.getByRole('heading', { name: 'All contacts' })).toBeVisible();
  await panel.evaluate(async ({ contacts, createdAt }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sidebar-crm');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['contacts'], 'readwrite');
      for (const contact of contacts) {
        tx.objectStore('contacts').put({
          ...contact,
          emails: [],
          phones: [],
          profiles: [],
          tags: [],
          userFields: [],
          createdAt,
          updatedAt: createdAt,
          profileUrls: [],
          searchTokens: contact.name.toLowerCase().split(' '),
        });
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { contacts, createdAt: Date.now() - 100 * DAY_MS });
}

async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

type ChromeApi = {
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
};

/** The badge and the shown notifications, as the extension API reports them (the worker may have been restarted). */
async function remindersState(context: BrowserContext): Promise<{ badge: string; notifications: string[] }> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: ChromeApi };
    return { badge: await chrome.action.getBadgeText({}), notifications: Object.keys(await chrome.notifications.getAll()) };
  });
}

function localDay(panel: Page, offsetDays: number): Promise<string> {
  return panel.evaluate((offset) => {
    const d = new Date(Date.now() + offset * 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, offsetDays);
}

test('a follow-up due in the past raises a notification and the badge; snoozing it to tomorrow clears both', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await seedContacts(panel, [{ id: 'ada', name: 'Ada Lovelace', stage: 'customer' }]);
  expect(await remindersState(context)).toEqual({ badge: '', notifications: [] });

  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#contact/ada`);
  await expect(panel.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  const form = panel.getByRole('form', { name: 'Add follow-up' });
  await expect(form.getByLabel('Time')).toHaveValue('09:00');
  await form.getByLabel('Follow-up').fill('Call Ada back');
  await form.getByLabel('Due').fill(await localDay(panel, -1));
  await form.getByLabel('Time').fill('14:30');
  await form.getByRole('button', { name: 'Add follow-up' }).click();
  const open = panel.getByRole('list', { name: 'Open follow-ups' });
  await expect(open.getByRole('listitem')).toHaveCount(1);
  await expect(open.getByRole('listitem')).toContainText('Overdue since');
  await expect(open.getByRole('listitem')).toContainText(/14:30|02:30 PM/);

  const taskId = await panel.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('sidebar-crm');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<Array<{ id: string }>>((resolve, reject) => {
      const request = db.transaction('tasks').objectStore('tasks').getAll();
      request.onsuccess = () => resolve(request.result as Array<{ id: string }>);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows[0]!.id;
  });
  await expect.poll(() => remindersState(context), { timeout: 15_000 }).toEqual({ badge: '1', notifications: [`reminder:${taskId}`] });

  // The snooze group is reachable and labelled; axe finds nothing serious with it open.
  await open.getByRole('button', { name: 'Snooze “Call Ada back”' }).click();
  const snooze = panel.getByRole('group', { name: 'Snooze “Call Ada back” until' });
  await expect(snooze.getByRole('button', { name: '1 hour' })).toBeVisible();
  await expect(snooze.getByLabel('Custom')).toBeVisible();
  const axe = await new AxeBuilder({ page: panel }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // A custom time in the past is refused in words; tomorrow 9:00 moves it.
  await snooze.getByLabel('Custom').fill(`${await localDay(panel, -2)}T10:00`);
  await snooze.getByRole('button', { name: 'Snooze until then' }).click();
  await expect(snooze.getByText('Pick a time in the future.')).toBeVisible();
  await snooze.getByRole('button', { name: 'Tomorrow 9:00' }).click();
  await expect(panel.getByText(/Snoozed “Call Ada back” until .*09:00/)).toBeVisible();
  await expect(open.getByRole('listitem')).toContainText('Due ');
  await expect(open.getByRole('listitem')).not.toContainText('Overdue');
  await expect.poll(() => remindersState(context), { timeout: 15_000 }).toEqual({ badge: '', notifications: [] });

  // The Tasks view lists it under Later, with the same Snooze.
  await panel.getByRole('link', { name: 'Tasks' }).click();
  await expect(panel.getByRole('list', { name: 'Later follow-ups' })).toContainText('Call Ada back');
  await expect(panel.getByRole('list', { name: 'Later follow-ups' }).getByRole('button', { name: 'Snooze “Call Ada back”' })).toBeVisible();
});

test('next best actions: an at-risk contact gets a win-back suggestion that says why; make it a task, or dismiss for good', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await seedContacts(panel, [
    { id: 'arno', name: 'Arno Atrisk', stage: 'at-risk' },
    { id: 'bea', name: 'Bea Atrisk', stage: 'at-risk' },
    { id: 'carl', name: 'Carl Customer', stage: 'customer' },
  ]);

  await panel.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Next actions' }).click();
  await expect(panel.getByRole('heading', { name: 'Next best actions' })).toBeVisible();
  const list = panel.getByRole('list', { name: 'Suggestions' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  const arno = list.getByRole('listitem').filter({ hasText: 'Arno Atrisk' });
  await expect(arno).toContainText('Win back');
  await expect(arno).toContainText('Lifecycle stage at risk, never contacted (rule: 14+ days)');
  await expect(list).not.toContainText('Carl Customer');

  const axe = await new AxeBuilder({ page: panel }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await arno.getByRole('button', { name: 'Make it a task: Win back Arno Atrisk' }).click();
  await expect(panel.getByText(/Follow-up “Win back Arno Atrisk” added, due /)).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await list.getByRole('button', { name: 'Dismiss Win back for Bea Atrisk' }).click();
  await expect(panel.getByText('Nobody needs attention right now.', { exact: false })).toBeVisible();
  // Remembered: a reload does not bring them back.
  await panel.reload();
  await expect(panel.getByText('2 dismissed suggestions are hidden.', { exact: false })).toBeVisible();

  await panel.getByRole('link', { name: 'Tasks' }).click();
  await expect(panel.getByRole('list', { name: 'Later follow-ups' })).toContainText('Win back Arno Atrisk');
});
