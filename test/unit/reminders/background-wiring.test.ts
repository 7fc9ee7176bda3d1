/**
 * The background's reminder wiring through the extension API (WXT's fakeBrowser: no
 * chrome.sidePanel and no sidebarAction, like a browser where the panel cannot be opened from a
 * click): a due follow-up is announced and counted on the badge, and a click on its notification
 * leaves the panel a request for that contact and opens the same view in a tab.
 */
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { addInteraction, addTask, completeTask, crmDatabase, saveDetectedContact, setContactCadence } from '@/lib/db';
import { snoozeCadence } from '@/lib/settings/cadence-settings';
import { DetectedContact } from '@/lib/model';
import { REVEAL_KEY } from '@/lib/settings/reveal-requests';
import { openPanelFromNotification, REMINDER_ALARM, reminderRunner } from '../../../entrypoints/background/reminders';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('background reminders wiring', () => {
  it('announces a follow-up due in the past, counts it on the badge, sets the next alarm; a click opens its contact', async () => {
    const db = crmDatabase();
    const { contact } = await saveDetectedContact(db, DetectedContact.parse({ name: 'Grace Hopper', emails: ['grace@example.org'] }), { kind: 'page' });
    const task = await addTask(db, { contactId: contact.id, title: 'Send the COBOL notes', dueAt: Date.now() - 60_000 });

    await reminderRunner().reconcile();
    const shown = await fakeBrowser.notifications.getAll();
    expect(Object.keys(shown)).toEqual([`reminder:${task.id}`]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.alarms.get(REMINDER_ALARM)).toBeDefined();

    await openPanelFromNotification(`reminder:${task.id}`);
    const stored = await fakeBrowser.storage.session.get(REVEAL_KEY);
    expect(stored[REVEAL_KEY]).toMatchObject({ view: 'contact', contactId: contact.id });
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain(`chrome-extension://${fakeBrowser.runtime.id}/sidepanel.html#contact/${contact.id}`);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});

    // Done: the badge clears on the next plan, and nothing is announced again.
    await completeTask(db, task.id);
    await reminderRunner().reconcile();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('counts a contact due a keep-in-touch on the badge; a snooze hides them, and logging a call clears them', async () => {
    const db = crmDatabase();
    const now = Date.now();
    const { contact } = await saveDetectedContact(db, DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@example.org'] }), { kind: 'page' }, now - 90 * 86_400_000);
    await addInteraction(db, { contactId: contact.id, kind: 'email', at: now - 41 * 86_400_000 }, now - 41 * 86_400_000);
    await reminderRunner().reconcile();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    await setContactCadence(db, contact.id, 30, now);
    await reminderRunner().reconcile();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    await snoozeCadence(contact.id, now + 3_600_000, now);
    await reminderRunner().reconcile();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    // The alarm wakes the worker when the snooze ends (or sooner, at midnight).
    expect((await fakeBrowser.alarms.get(REMINDER_ALARM))!.scheduledTime).toBeLessThanOrEqual(now + 3_600_000);

    await fakeBrowser.storage.local.clear();
    await reminderRunner().reconcile();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    await addInteraction(db, { contactId: contact.id, kind: 'call', at: Date.now() });
    await reminderRunner().reconcile();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});
