import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { crmDatabase, interactionsOf } from '@/lib/db';
import type { Membership } from '@/lib/sync/client/membership';
import { alsoInTouch } from './attribution';

/** "Also in touch: Ravi, 3 emails": the other members' history with this person (what this browser can see). */
export function AlsoInTouch({ membership, contactId }: { membership: Membership; contactId: string }) {
  const line = useHeldLiveQuery(async () => alsoInTouch(membership, await interactionsOf(crmDatabase(), contactId)), [membership, contactId]);
  return line ? <p className="team-also muted">Also in touch: {line}</p> : null;
}
