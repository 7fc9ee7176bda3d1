import { useEffect, useState } from 'react';
import type { Dismissals, NbaSettings } from '@/lib/nba';
import { onDismissalsChanged, readDismissals } from '@/lib/settings/nba-dismissals';
import { onNbaSettingsChanged, readNbaSettings } from '@/lib/settings/nba-settings';

/** The thresholds and dismissals, read once and kept current as the options page or another panel changes them. */
export function useNbaInputs(): { settings: NbaSettings; dismissals: Dismissals } | { error: string } | undefined {
  const [settings, setSettings] = useState<NbaSettings>();
  const [dismissals, setDismissals] = useState<Dismissals>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const fail = (reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason));
    readNbaSettings().then(setSettings, fail);
    readDismissals().then(setDismissals, fail);
    const stopSettings = onNbaSettingsChanged(setSettings);
    const stopDismissals = onDismissalsChanged(setDismissals);
    return () => {
      stopSettings();
      stopDismissals();
    };
  }, []);
  if (error) return { error };
  return settings && dismissals ? { settings, dismissals } : undefined;
}
