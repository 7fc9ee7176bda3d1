import { crmDatabase } from '@/lib/db';
import type { MessageHandlers } from '@/lib/messaging';
import { createInvite, joinByInvite, loadMembers, removeMember, setMemberRole, updateWorkspaceSettings } from '@/lib/sync/client/team-actions';

type TeamHandlers = Pick<MessageHandlers, 'team:members' | 'team:invite' | 'team:set-role' | 'team:remove' | 'team:join' | 'team:update-settings'>;

/**
 * Options → Team and Join a team. The router has parsed each message and refused it from content
 * scripts; these only call the server with the token kept in IndexedDB. Joining saves the new
 * settings, which the sync wiring (./sync.ts) follows to start syncing.
 */
export const teamHandlers: TeamHandlers = {
  'team:members': () => loadMembers({ db: crmDatabase() }),
  'team:invite': ({ role, expiresInDays }) => createInvite({ db: crmDatabase() }, { role, expiresInDays }),
  'team:set-role': ({ user, role }) => setMemberRole({ db: crmDatabase() }, user, role),
  'team:remove': ({ user }) => removeMember({ db: crmDatabase() }, user),
  'team:join': ({ serverUrl, code, email, name }) => joinByInvite({ db: crmDatabase() }, { serverUrl, code, email, name }),
  'team:update-settings': ({ capturedEmails }) => updateWorkspaceSettings({ db: crmDatabase() }, capturedEmails ? { capturedEmails } : {}),
};
