/**
 * Follow-up reminders in the service worker: one alarm for the next reminder or midnight,
 * whichever comes first (lib/reminders/schedule.ts), a notification per due follow-up, and the
 * toolbar badge counting open follow-ups due today.
 *
 * Survives the worker being stopped and the browser restarting: the alarm lives in the browser,
 * what was announced lives in storage.local, and every start of the worker re-plans from
 * IndexedDB (alarms may be dropped on a browser restart; re-planning sets them again). Task
 * changes re-plan too, through a Dexie live query on the tasks: it sees the panel's writes (Dexie
 * passes them between the extension's pages and the worker) and sync pulls while the worker is
 * awake; a change made while it is stopped is planned at its next start, at the latest when the
 * sync alarm wakes it a minute later. Contacts due a keep-in-touch (lib/cadences) count on the
 * badge too; their cadences, touches, tier defaults and snoozes re-plan the same way.
 */
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { displayName } from '@/lib/model/display-name';
import { crmDatabase } from '@/lib/db';
import { onTablesWritten, settledTrigger } from '@/lib/db/table-writes';
import { tasksToRemind } from '@/lib/db/queries/tasks';
import { dueCadences } from '@/lib/db/queries/cadences';
import { onCadenceSettingsChanged, onCadenceSnoozesChanged, readCadenceSettings, readCadenceSnoozes } from '@/lib/settings/cadence-settings';
import {
  badgeText,
  createReminderRunner,
  notificationIdOf,
  taskIdOfNotification,
  type AnnouncedLog,
  type ReminderNotification,
  type ReminderRunner,
} from '@/lib/reminders';
import type { RevealRequest } from '@/lib/reminders/reveal';
import { requestReveal } from '@/lib/settings/reveal-requests';
import { z } from 'zod';

export const REMINDER_ALARM = 'reminders-next';
export const ANNOUNCED_KEY = 'reminders:announced';
const BADGE_COLOR = '#b3261e';

const AnnouncedLogSchema = z.record(z.string(), z.number().int().nonnegative()).catch({});

/** Which contact (or the Tasks list) each shown notification opens; lost with the worker, then read from IndexedDB. */
const targets = new Map<string, ReminderNotification['opens']>();

function toolbarAction() {
  return browser.action ?? browser.browserAction;
}


async function contactNames(ids: readonly string[]): Promise<Map<string, string>> {
  const contacts = await crmDatabase().contacts.bulkGet([...ids]);
  return new Map(contacts.flatMap((contact) => (contact ? [[contact.id, displayName(contact)] as const] : [])));
}

async function show(notification: ReminderNotification): Promise<void> {
  targets.set(notification.id, notification.opens);
  await browser.notifications.create(notification.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notification.title,
    message: notification.message,
    ...(notification.opens.view === 'contact' ? { contextMessage: 'Click to open their profile' } : {}),
  });
}

async function setBadge(count: number): Promise<void> {
  const action = toolbarAction();
  if (!action) return;
  await action.setBadgeText({ text: badgeText(count) });
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setTitle({ title: count > 0 ? `Open Sidebar CRM — ${count} follow-up${count === 1 ? '' : 's'} due today` : 'Open Sidebar CRM' });
}

let runner: ReminderRunner | undefined;

export function reminderRunner(): ReminderRunner {
  runner ??= createReminderRunner({
    now: () => Date.now(),
    // While syncing: the member's own and unassigned contacts' follow-ups (lib/db/queries/tasks.ts).
    readOpenTasks: () => tasksToRemind(crmDatabase()),
    contactNames,
    async readAnnounced() {
      const stored = await browser.storage.local.get(ANNOUNCED_KEY);
      return AnnouncedLogSchema.parse(stored[ANNOUNCED_KEY] ?? {}) as AnnouncedLog;
    },
    async writeAnnounced(log) {
      await browser.storage.local.set({ [ANNOUNCED_KEY]: log });
    },
    show,
    async withdraw(taskId) {
      await browser.notifications.clear(notificationIdOf(taskId));
    },
    // Contacts due a keep-in-touch (lib/cadences), counted on the badge beside the follow-ups.
    async readKeepInTouch(now) {
      const [settings, snoozes] = await Promise.all([readCadenceSettings(), readCadenceSnoozes()]);
      const { due, nextAt } = await dueCadences(crmDatabase(), settings, snoozes, now);
      return nextAt === undefined ? { count: due.length } : { count: due.length, nextAt };
    },
    setBadge,
    async wakeAt(at) {
      // Chrome runs alarms at most every 30 s and a past `when` at once: both are fine here.
      await browser.alarms.create(REMINDER_ALARM, { when: Math.max(at, Date.now() + 1000) });
    },
  });
  return runner;
}

/** Re-plan, logging instead of throwing: a failed run is retried by the next trigger. */
export function reconcileReminders(): Promise<void> {
  return reminderRunner()
    .reconcile()
    .then(() => undefined)
    .catch((error: unknown) => console.warn('[sidebar-crm] reminders could not be planned', error));
}

/** Where a notification leads: remembered when shown, else worked out from the task it names. */
async function targetOf(notificationId: string): Promise<RevealRequest> {
  const now = Date.now();
  const known = targets.get(notificationId);
  if (known) return { ...known, at: now };
  const taskId = taskIdOfNotification(notificationId);
  const task = taskId ? await crmDatabase().tasks.get(taskId) : undefined;
  return task ? { view: 'contact', contactId: task.contactId, at: now } : { view: 'tasks', at: now };
}

interface ChromeSidePanelOpen {
  open(options: { windowId: number }): Promise<void>;
}

/**
 * Opens the panel from the click (the click is the user gesture Chrome's sidePanel.open and
 * Firefox's sidebarAction.open require, so the call is made at once, before any await), then
 * tells the panel what to show. Where the panel cannot open, the same view opens in a tab.
 */
export function openPanelFromNotification(notificationId: string): Promise<void> {
  const chromeApi = (globalThis as { chrome?: { sidePanel?: ChromeSidePanelOpen; windows?: { WINDOW_ID_CURRENT: number } } }).chrome;
  const sidebarAction = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  let opened: Promise<boolean>;
  try {
    opened = chromeApi?.sidePanel
      ? chromeApi.sidePanel.open({ windowId: chromeApi.windows?.WINDOW_ID_CURRENT ?? -2 }).then(() => true)
      : sidebarAction
        ? sidebarAction.open().then(() => true)
        : Promise.resolve(false);
  } catch {
    opened = Promise.resolve(false);
  }
  opened = opened.catch(() => false);
  return (async () => {
    const target = await targetOf(notificationId);
    await requestReveal(target);
    if (!(await opened)) {
      const route = target.view === 'contact' && target.contactId ? `#contact/${target.contactId}` : '#tasks';
      await browser.tabs.create({ url: browser.runtime.getURL(`/sidepanel.html${route}`) });
    }
    await browser.notifications.clear(notificationId);
  })().catch((error: unknown) => console.warn('[sidebar-crm] could not open the panel from a reminder', error));
}

export function startReminders(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) void reconcileReminders();
  });
  browser.notifications.onClicked.addListener((notificationId) => void openPanelFromNotification(notificationId));
  let first = true;
  // Open tasks only (the `openDueAt` index): a task completed leaves the range, so it still fires.
  liveQuery(() => crmDatabase().tasks.orderBy('openDueAt').toArray()).subscribe({
    next: () => {
      // The first result is the start's own read; the start re-plans below anyway.
      if (!first) void reconcileReminders();
      first = false;
    },
    error: (error: unknown) => console.warn('[sidebar-crm] cannot watch tasks', error),
  });
  // Keep-in-touch: what decides who is due is segments, contacts' own cadences and every logged
  // touch (which restarts a clock). Heard from the writes themselves, not by re-reading them, and
  // re-planned once writes settle: a first sync writes interactions a thousand times over.
  const db = crmDatabase();
  onTablesWritten(db.name, ['segments', 'contacts', 'interactions'], settledTrigger(() => void reconcileReminders(), 1_000, 10_000));
  onCadenceSettingsChanged(() => void reconcileReminders());
  onCadenceSnoozesChanged(() => void reconcileReminders());
  // Every start of the worker (browser start included) re-plans from stored data.
  void reconcileReminders();
}
