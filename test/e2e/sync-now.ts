import { expect, type Page } from '@playwright/test';

/**
 * Runs in an extension page: when this browser last finished a sync (the `sync:status` row of the
 * extension's IndexedDB), or 0. Self-contained: the Firefox suite evaluates it too.
 */
export function lastSyncedAtInPage(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('sidebar-crm');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('meta').objectStore('meta').get('sync:status');
      get.onerror = () => reject(get.error);
      get.onsuccess = () => {
        db.close();
        resolve((get.result as { value?: { lastSyncedAt?: number } } | undefined)?.value?.lastSyncedAt ?? 0);
      };
    };
  });
}

/**
 * Sync now, and wait for *this* run to finish. The status line already says "Synced just now"
 * from the run before, and the button is disabled only while a run lasts, which a quick one may
 * end before a check looks: only the finish time moving on says this run is over. (A run now
 * starts with the membership refresh; the old wait returned while its pull was still on the wire.)
 */
export async function syncNow(panel: Page): Promise<void> {
  const sync = panel.getByRole('region', { name: 'Sync' });
  const before = await panel.evaluate(lastSyncedAtInPage);
  await sync.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(() => panel.evaluate(lastSyncedAtInPage), { timeout: 30_000, message: 'the sync run did not finish' })
    .toBeGreaterThan(before);
  await expect(sync.getByRole('status')).toHaveText(/^Synced just now · nothing pending$/, { timeout: 30_000 });
  await expect(sync.getByRole('button', { name: 'Sync now' })).toBeEnabled();
}
