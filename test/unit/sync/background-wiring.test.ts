/**
 * The background's sync wiring through the extension API (WXT's fakeBrowser: the same calls the
 * Chrome service worker and Firefox's background page make), against the real server app on
 * SQLite. A local write must reach the server by itself: outbox → debounce → push.
 */
import { fakeBrowser } from 'wxt/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { crmDatabase, saveDetectedContact } from '@/lib/db';
import { DetectedContact } from '@/lib/model';
import { readSyncStatus } from '@/lib/sync/client/status';
import { saveSyncSettings } from '@/lib/sync/client/settings';
import { SyncStore } from '../../../server/store';
import { sqliteBackend } from '../../../server/test/backends';
import { testApp } from '../../../server/test/setup';
import { SYNC_ALARM, startSync } from '../../../entrypoints/background/sync';

const backend = sqliteBackend();
let store: SyncStore;
let workspace: string;
let token: string;

beforeAll(async () => {
  store = await SyncStore.open(await backend.freshLocation());
  const app = testApp(store);
  ({ workspace, token } = await store.addUser('wiring@example.org'));
  vi.stubGlobal('fetch', (async (input: RequestInfo | URL, init?: RequestInit) => app.request(String(input).replace(/^https?:\/\/sync\.test/, ''), init)) as typeof fetch);
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await store.close();
  backend.dispose();
});

async function serverRows() {
  const response = await fetch(`http://sync.test/v1/w/${workspace}/pull?since=0`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { changes: Array<{ table: string; id: string }> }).changes;
}

describe('background sync wiring', () => {
  it('sets a periodic alarm, syncs on new settings, and pushes a local change by itself', async () => {
    fakeBrowser.reset();
    startSync();
    const alarm = await fakeBrowser.alarms.get(SYNC_ALARM);
    expect(alarm?.periodInMinutes).toBe(1);

    const db = crmDatabase();
    const { contact } = await saveDetectedContact(db, DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@example.org'] }), { kind: 'page' });
    // Not signed in yet: nothing leaves the browser.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await serverRows()).toEqual([]);

    await saveSyncSettings({ serverUrl: 'https://sync.test', token, workspace, clientId: 'browser-wiring' });
    await vi.waitFor(async () => expect((await serverRows()).map((row) => row.id)).toContain(contact.id), { timeout: 10_000, interval: 200 });
    await vi.waitFor(async () => expect((await readSyncStatus(db))?.state).toBe('idle'), { timeout: 10_000, interval: 100 });

    // A later change is pushed after the debounce, with no other trigger.
    const other = await saveDetectedContact(db, DetectedContact.parse({ name: 'Alan Turing', emails: ['alan@example.org'] }), { kind: 'page' });
    await vi.waitFor(async () => expect((await serverRows()).map((row) => row.id)).toContain(other.contact.id), { timeout: 10_000, interval: 200 });
    expect(await db.outbox.count()).toBe(0);

    // The alarm's tick runs a sync too (here: nothing to do, and the status stays healthy).
    await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect((await readSyncStatus(db))?.lastSyncedAt).toBeGreaterThan(0));
  });
});
