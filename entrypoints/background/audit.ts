import { crmDatabase } from '@/lib/db';
import type { MessageOf, Responses } from '@/lib/messaging/protocol';
import { fetchAudit } from '@/lib/sync/client/audit';
import { readMembership } from '@/lib/sync/client/membership';
import { readSyncSettings } from '@/lib/sync/client/settings';
import { SyncError } from '@/lib/sync/client/transport';

/**
 * The Changes view's request (extension pages only: the router refuses content scripts). The
 * token stays here; the page gets the entries or a sentence saying why not. Owners only: the
 * server refuses the others with 403 anyway, this only spares the request.
 */
export async function readAuditForPage(request: MessageOf<'read-audit'>): Promise<Responses['read-audit']> {
  const db = crmDatabase();
  const [settings, membership] = await Promise.all([readSyncSettings(db), readMembership(db)]);
  if (!settings) return { ok: false, error: 'This browser does not sync, so there is no record of changes.' };
  if (membership?.role !== 'owner') return { ok: false, error: 'Only an owner of the workspace can read its changes.' };
  try {
    return { ok: true, changes: await fetchAudit(settings, { table: request.table, id: request.id }) };
  } catch (error) {
    return { ok: false, error: error instanceof SyncError ? error.message : 'Could not read the changes.' };
  }
}
