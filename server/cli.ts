import type { Command, Settings } from './config';
import { DAY_MS } from './serve';
import { AccountError, type SyncStore } from './store';

/**
 * The administrative commands. Each answers the JSON objects to print, one per line, so scripts
 * can read them (`npm run -s server -- user add a@b.org | jq -r .token`).
 */
export async function runAdminCommand(command: Exclude<Command, { kind: 'help' | 'serve' }>, store: SyncStore, settings: Settings): Promise<object[]> {
  switch (command.kind) {
    case 'user-add':
      return [await store.addUser(command.email)];
    case 'token-add':
      return [await store.addToken(command.email, Date.now(), command.scope)];
    case 'token-revoke': {
      const revoked = await store.revokeToken(command.token);
      if (revoked === 0) throw new AccountError('no live token with that value or id');
      return [{ revoked }];
    }
    case 'token-revoke-user':
      return [{ revoked: await store.revokeUserTokens(command.email) }];
    case 'workspace-share':
      return [{ workspace: command.workspace, shared: true, role: await store.shareWorkspace(command.workspace, command.email, command.role) }];
    case 'invite-create':
      return [await store.createInvite(command.workspace, command.role, command.days, null)];
    case 'workspace-unshare':
      await store.unshareWorkspace(command.workspace, command.email);
      return [{ workspace: command.workspace, unshared: true }];
    case 'user-disable':
      return [{ user: await store.setUserDisabled(command.email, true), disabled: true }];
    case 'user-enable':
      return [{ user: await store.setUserDisabled(command.email, false), disabled: false }];
    case 'workspace-list':
      return store.listWorkspaces(command.email);
    case 'purge':
      return [await store.purge(settings.tombstoneDays * DAY_MS)];
  }
}
