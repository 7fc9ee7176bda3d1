/**
 * The background re-plans reminders when follow-ups change, with no message from the page: its
 * Dexie live query on the tasks sees a write made through lib/db (as the side panel makes them)
 * and the badge and notifications follow.
 */
import { fakeBrowser } from 'wxt/testing';
import { describe, expect, it, vi } from 'vitest';
import { addTask, completeTask, crmDatabase, saveDetectedContact } from '@/lib/db';
import { DetectedContact } from '@/lib/model';
import { startReminders } from '../../../entrypoints/background/reminders';

describe('reminders follow task writes', () => {
  it('announces a follow-up added through lib/db, and clears the badge when it is completed', async () => {
    fakeBrowser.reset();
    startReminders();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('reminders-next')).toBeDefined());
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    const db = crmDatabase();
    const { contact } = await saveDetectedContact(db, DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@example.org'] }), { kind: 'page' });
    const task = await addTask(db, { contactId: contact.id, title: 'Send the notes on the engine', dueAt: Date.now() - 60_000 });
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([`reminder:${task.id}`]));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    await completeTask(db, task.id);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });
});
