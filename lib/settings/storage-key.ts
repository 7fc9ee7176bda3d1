import { browser } from 'wxt/browser';

/**
 * Calls back with each new raw value stored under `key` in one storage area (written by this page,
 * another page or the background) until the returned function is called. The caller parses it:
 * storage is a boundary, and a removed key arrives as `undefined`.
 */
export function watchStorageKey(area: 'local' | 'session', key: string, callback: (stored: unknown) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
    if (changedArea === area && key in changes) callback(changes[key]?.newValue);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** A setting kept under one key of storage.local (it belongs to this browser profile). */
export interface LocalSetting<T, Saved = T> {
  /** Whatever was stored, parsed forgivingly (possibly nothing, possibly garbage). */
  read(): Promise<T>;
  /** Throws, saving nothing, when the value does not pass the strict check. */
  save(value: Saved): Promise<void>;
  /** Calls back with each new value (options page, another window) until the returned function is called. */
  onChanged(callback: (value: T) => void): () => void;
}

/** Its functions close over the key and keep no `this`, so they may be destructured and exported. */
export function localSetting<T, Saved = T>(key: string, parseStored: (stored: unknown) => T, checkForSave: (value: Saved) => T): LocalSetting<T, Saved> {
  return {
    async read() {
      const stored = await browser.storage.local.get(key);
      return parseStored(stored[key]);
    },
    async save(value) {
      await browser.storage.local.set({ [key]: checkForSave(value) });
    },
    onChanged: (callback) => watchStorageKey('local', key, (stored) => callback(parseStored(stored))),
  };
}
