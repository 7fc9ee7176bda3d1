import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { CadenceSettings, CadenceSnoozes } from '@/lib/cadences';
import { crmDatabase } from '@/lib/db';
import { dueCadences, type CadenceReading } from '@/lib/db/queries/cadences';
import { onCadenceSettingsChanged, onCadenceSnoozesChanged, readCadenceSettings, readCadenceSnoozes } from '@/lib/settings/cadence-settings';

/**
 * Contacts due a keep-in-touch, re-read when the data (Dexie live query), the tier defaults or
 * the snoozes (storage.local) change, with the time they were read. undefined while loading.
 */
export function useDueCadences(): (CadenceReading & { now: number }) | undefined {
  const [settings, setSettings] = useState<CadenceSettings>();
  const [snoozes, setSnoozes] = useState<CadenceSnoozes>();
  useEffect(() => {
    let live = true;
    void Promise.all([readCadenceSettings(), readCadenceSnoozes()]).then(([read, snoozed]) => {
      if (!live) return;
      setSettings(read);
      setSnoozes(snoozed);
    });
    const stopSettings = onCadenceSettingsChanged(setSettings);
    const stopSnoozes = onCadenceSnoozesChanged(setSnoozes);
    return () => {
      live = false;
      stopSettings();
      stopSnoozes();
    };
  }, []);
  return useLiveQuery(async () => {
    if (!settings || !snoozes) return undefined;
    const now = Date.now();
    return { ...(await dueCadences(crmDatabase(), settings, snoozes, now)), now };
  }, [settings, snoozes]);
}
