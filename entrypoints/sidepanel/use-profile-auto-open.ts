import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useEffect, useRef } from 'react';
import { profileOwner } from '@/components/on-this-page/relevance';
import { crmDatabase, findContactsForDetection } from '@/lib/db';
import type { TabDetections } from '@/lib/model';

/**
 * On a single person's profile page whose owner is already a contact, opens their profile: once
 * per page visit (a tab and URL), only from the list view, and never again after the user goes
 * back, so the panel does not trap them. Calls `open` with the contact's id.
 */
export function useProfileAutoOpen(
  tabId: number | undefined,
  detections: TabDetections | null,
  atHome: boolean,
  open: (id: string) => void,
): void {
  const visit = detections?.context?.kind === 'profile' ? `${tabId}|${detections.url}` : null;
  const owner = useHeldLiveQuery(async () => {
    const person = detections ? profileOwner(detections.contacts, detections.context) : null;
    const contact = person ? ((await findContactsForDetection(crmDatabase(), person))[0] ?? null) : null;
    return { visit, id: contact?.id ?? null };
  }, [detections, visit]);
  const handled = useRef<string | null>(null);

  useEffect(() => {
    if (!visit || !owner || owner.visit !== visit || handled.current === visit) return;
    // Decided once per visit, whether or not it opened: adding the owner later does not jump.
    handled.current = visit;
    if (owner.id && atHome) open(owner.id);
  }, [visit, owner, atHome, open]);
}
