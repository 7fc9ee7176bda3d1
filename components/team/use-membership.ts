import { useLiveQuery } from 'dexie-react-hooks';
import { crmDatabase } from '@/lib/db';
import { readMembership, type Membership } from '@/lib/sync/client/membership';

/**
 * This browser's membership, live: `null` when it does not sync (a book of one: show nothing
 * team-related), `undefined` while loading.
 */
export function useMembership(): Membership | null | undefined {
  return useLiveQuery(() => readMembership(crmDatabase()).then((membership) => membership ?? null), []);
}
