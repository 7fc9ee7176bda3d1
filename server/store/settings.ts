/** Workspace settings (issue 18): one JSON column, parsed on the way out, merged on the way in. */
import { WorkspaceSettings, type WorkspaceSettingsPatch } from '../../lib/sync/shared/protocol';
import type { Connection } from './connect';
import { inTransaction, lockWorkspace } from './transaction';

function parsed(text: string | null | undefined): WorkspaceSettings {
  let value: unknown = {};
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    // A column this code did not write: the defaults, not a crash.
  }
  const result = WorkspaceSettings.safeParse(value);
  return result.success ? result.data : WorkspaceSettings.parse({});
}

export async function readSettings(conn: Connection, workspace: string): Promise<WorkspaceSettings> {
  const row = await conn.db.selectFrom('workspaces').select('settings').where('id', '=', workspace).executeTakeFirst();
  return parsed(row?.settings);
}

/** Applies a patch under the workspace's lock (two owners saving at once both count). */
export async function updateSettings(conn: Connection, workspace: string, patch: WorkspaceSettingsPatch): Promise<WorkspaceSettings> {
  return inTransaction(conn, async (trx) => {
    await lockWorkspace(trx, workspace);
    const row = await trx.selectFrom('workspaces').select('settings').where('id', '=', workspace).executeTakeFirst();
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const next = WorkspaceSettings.parse({ ...parsed(row?.settings), ...changes });
    await trx.updateTable('workspaces').set({ settings: JSON.stringify(next) }).where('id', '=', workspace).execute();
    return next;
  });
}
