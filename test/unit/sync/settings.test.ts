/** Where the sync token lives: never in storage.local, which content scripts can read. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { createBackup } from '@/lib/io/backup';
import { clearSyncSettings, readSyncSettings, saveSyncSettings, SYNC_SETTINGS_KEY } from '@/lib/sync/client/settings';

const settings = { serverUrl: 'https://crm.example.org', token: `scrm_${'a'.repeat(43)}`, workspace: 'ws_1', clientId: 'browser-1' };
let db: CrmDatabase;

beforeEach(() => {
  fakeBrowser.reset();
  db = openCrmDatabase(`sync-settings-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('sync settings', () => {
  it('are kept in the extension’s IndexedDB, not in storage.local, and never in a backup', async () => {
    await saveSyncSettings(settings, db);
    expect(await readSyncSettings(db)).toEqual(settings);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(JSON.stringify(await createBackup(db))).not.toContain(settings.token);
    await clearSyncSettings(db);
    expect(await readSyncSettings(db)).toBeUndefined();
  });

  it('move out of storage.local, where an older version kept them, on the first read', async () => {
    await fakeBrowser.storage.local.set({ [SYNC_SETTINGS_KEY]: settings, 'settings:capture': { logProfileVisits: true } });
    expect(await readSyncSettings(db)).toEqual(settings);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ 'settings:capture': { logProfileVisits: true } });
    expect((await db.meta.get(SYNC_SETTINGS_KEY))?.value).toEqual(settings);
  });

  it('leave storage.local even when an older version’s settings are no longer valid (an http server elsewhere)', async () => {
    await fakeBrowser.storage.local.set({ [SYNC_SETTINGS_KEY]: { ...settings, serverUrl: 'http://crm.example.org' } });
    expect(await readSyncSettings(db)).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
