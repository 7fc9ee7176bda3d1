import { useLiveQuery } from 'dexie-react-hooks';
import { crmDatabase } from '@/lib/db';
import { canWrite, readMembership, type Membership } from '@/lib/sync/client/membership';

/** This browser's membership, kept current as the background refreshes it. null: not in a team; undefined: loading. */
export function useMembership(): Membership | null | undefined {
  return useLiveQuery(async () => (await readMembership(crmDatabase())) ?? null, []);
}

/**
 * Whether the panel offers writing. While the row loads it answers true so a book of one never
 * flickers read-only; the server refuses a viewer's push whatever the UI shows.
 */
export function useCanWrite(): boolean {
  const membership = useMembership();
  return membership === undefined || canWrite(membership ?? undefined);
}
