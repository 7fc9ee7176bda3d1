/**
 * A raw copy of the extension's IndexedDB, for when Dexie cannot open it (an upgrade that fails,
 * a damaged schema): every object store as it is on disk, read with plain IndexedDB at whatever
 * version it has, so nothing is upgraded or changed by reading it. Secret-named keys are dropped
 * as in backups. The user keeps the file and can attach it to a bug report or restore from it by
 * hand; it is not a backup the app restores.
 */
import { withoutSecrets } from './backup';

export interface RawCopy {
  format: 'sidebar-crm-raw-copy';
  database: string;
  version: number;
  exportedAt: string;
  stores: Record<string, unknown[]>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens the database at its current version: no version is asked for, so no upgrade runs. */
function openAsIs(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('another page holds the database open; close the other Sidebar CRM pages and try again'));
  });
}

export async function readRawCopy(name: string, now: number = Date.now()): Promise<RawCopy> {
  const db = await openAsIs(name);
  try {
    const names = [...db.objectStoreNames];
    const stores: Record<string, unknown[]> = {};
    if (names.length > 0) {
      const tx = db.transaction(names, 'readonly');
      for (const store of names) stores[store] = (await request(tx.objectStore(store).getAll())).map(withoutSecrets);
    }
    return { format: 'sidebar-crm-raw-copy', database: name, version: db.version, exportedAt: new Date(now).toISOString(), stores };
  } finally {
    db.close();
  }
}
