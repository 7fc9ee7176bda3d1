import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useEffect, useState } from 'react';
import type { CadenceSettings, CadenceSnoozes } from '@/lib/cadences';
import { crmDatabase } from '@/lib/db';
import { dueCadences, withContacts, type DueCadence } from '@/lib/db/queries/cadences';
import { onCadenceSettingsChanged, onCadenceSnoozesChanged, readCadenceSettings, readCadenceSnoozes } from '@/lib/settings/cadence-settings';

/** The most due contacts Tasks lists at once (the heading gives the total). */
export const SHOWN_DUE = 100;

/**
 * Contacts due a keep-in-touch (the first SHOWN_DUE, longest overdue first, and how many in all), re-read when the data (Dexie live query), the tier defaults or
 * the snoozes (storage.local) change, with the time they were read. undefined while loading.
 */
export function useDueCadences(): { due: DueCadence[]; total: number; now: number } | undefined {
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
  return useHeldLiveQuery(async () => {
    if (!settings || !snoozes) return undefined;
    const now = Date.now();
    const db = crmDatabase();
    const reading = await dueCadences(db, settings, snoozes, now);
    return { due: await withContacts(db, reading.due, SHOWN_DUE), total: reading.due.length, now };
  }, [settings, snoozes]);
}
