import { useEffect, useState } from 'react';
import type { KeptValues } from '@/lib/profile-changes';
import { onKeptValuesChanged, readKeptValues } from '@/lib/settings/kept-page-values';

/** The page values answered Keep to, kept current as this or another panel answers; undefined until read. */
export function useKeptValues(): KeptValues | undefined {
  const [kept, setKept] = useState<KeptValues>();
  useEffect(() => {
    // Unreadable storage alerts as if nothing was kept: an extra question, never a lost one.
    readKeptValues().then(setKept, () => setKept({}));
    return onKeptValuesChanged(setKept);
  }, []);
  return kept;
}
