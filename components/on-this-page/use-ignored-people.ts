import { useEffect, useState } from 'react';
import { ignoredPeople, onIgnoredPeopleChange } from '@/lib/site-access/ignored-people';

/** The ignored addresses and profile URLs, kept current; undefined while loading. */
export function useIgnoredPeople(): ReadonlySet<string> | undefined {
  const [keys, setKeys] = useState<ReadonlySet<string> | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    void ignoredPeople().then((loaded) => {
      if (!cancelled) setKeys(new Set(loaded));
    });
    const stop = onIgnoredPeopleChange((changed) => setKeys(new Set(changed)));
    return () => {
      cancelled = true;
      stop();
    };
  }, []);
  return keys;
}
