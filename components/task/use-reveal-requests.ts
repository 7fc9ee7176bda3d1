import { useEffect } from 'react';
import { revealHash } from '@/lib/reminders/reveal';
import { onRevealRequest, takeRevealRequest } from '@/lib/settings/reveal-requests';

/**
 * Follows "show this" requests from a clicked reminder (lib/settings/reveal-requests.ts): one waiting
 * when the panel opens, and any that arrive while it is open, by moving to their route.
 */
export function useRevealRequests(): void {
  useEffect(() => {
    const go = (hash: string) => {
      if (location.hash !== hash) location.hash = hash.slice(1);
    };
    void takeRevealRequest().then((request) => request && go(revealHash(request)));
    return onRevealRequest((request) => {
      go(revealHash(request));
      void takeRevealRequest();
    });
  }, []);
}
