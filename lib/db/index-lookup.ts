/**
 * Which rows hold any of many keys in one index, for the import's duplicate matching: one
 * IndexedDB `getAllKeys` request per key, issued back to back in one transaction. Dexie's
 * `anyOf` walks one cursor that waits for the page between keys, and a Dexie query per key
 * costs more page time than the request itself; the import's profile showed both as most of
 * its reads.
 */
import Dexie, { type Table } from 'dexie';
import type { CrmDatabase } from './types';

/** Keys asked between two waits for IndexedDB, which let the page paint and respond. */
const KEYS_PER_ROUND = 500;

function allKeysOf(index: IDBIndex, keys: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const found: string[] = [];
    let left = keys.length;
    if (left === 0) resolve(found);
    for (const key of keys) {
      const request = index.getAllKeys(key);
      request.onsuccess = () => {
        for (const id of request.result) found.push(id as string);
        if (--left === 0) resolve(found);
      };
      request.onerror = () => reject(request.error ?? new Error('An index lookup failed.'));
    }
  });
}

/**
 * The primary keys of the rows of `table` whose `index` (a plain or multi-entry index) holds any
 * of `keys`, each once. Joins the current transaction when there is one (it must cover `table`).
 */
export function primaryKeysByIndex(db: CrmDatabase, table: Table, index: string, keys: readonly string[]): Promise<string[]> {
  return db.transaction('r', table, async () => {
    const ids = new Set<string>();
    for (let start = 0; start < keys.length; start += KEYS_PER_ROUND) {
      const idb = Dexie.currentTransaction!.idbtrans;
      for (const id of await allKeysOf(idb.objectStore(table.name).index(index), keys.slice(start, start + KEYS_PER_ROUND))) ids.add(id);
    }
    return [...ids];
  });
}
