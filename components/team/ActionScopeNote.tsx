import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { crmDatabase, MEMBERSHIP_ROW, readActionScope } from '@/lib/db';

/** Under Next best actions while syncing: whose contacts the suggestions are about. */
export function ActionScopeNote() {
  const scope = useHeldLiveQuery(async () => ({ me: await readActionScope(crmDatabase()), syncing: !!(await crmDatabase().meta.get(MEMBERSHIP_ROW)) }), []);
  if (!scope?.syncing) return null;
  return (
    <p className="muted">
      {scope.me
        ? 'For your contacts and unassigned ones. Options → Team preferences can show the whole team’s.'
        : 'For the whole team’s contacts (Options → Team preferences).'}
    </p>
  );
}
