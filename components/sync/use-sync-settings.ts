import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { readSyncSettings, SYNC_SETTINGS_KEY, type SyncSettings } from '@/lib/sync/client/settings';

/** The saved sync settings, kept current when another page or the background changes them. null: sync is off. */
export function useSyncSettings(): SyncSettings | null | undefined {
  const [settings, setSettings] = useState<SyncSettings | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load = () => void readSyncSettings().then((value) => live && setSettings(value ?? null));
    load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SYNC_SETTINGS_KEY in changes) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return settings;
}
