/**
 * `GET /v1/w/:ws/audit?table=&id=` (owner only): who changed which field of one row, newest
 * first. Its own file beside transport.ts (which it reuses for errors), so team calls added there
 * do not meet this one. Runs in the background only: the token never reaches a page.
 */
import { AuditQuery, AuditReply, type AuditEntry } from '../shared/protocol';
import { SyncError } from './transport';

export interface AuditRequestOptions {
  serverUrl: string;
  token: string;
  workspace: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export async function fetchAudit(options: AuditRequestOptions, query: AuditQuery): Promise<AuditEntry[]> {
  const { table, id } = AuditQuery.parse(query);
  const base = options.serverUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const url = `${base}/v1/w/${encodeURIComponent(options.workspace)}/audit?table=${encodeURIComponent(table)}&id=${encodeURIComponent(id)}`;
  let response: Response;
  try {
    response = await doFetch(url, { headers: { authorization: `Bearer ${options.token}` }, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  } catch {
    throw new SyncError('network', `Cannot reach the sync server at ${base}. Try again when it is reachable.`);
  }
  if (response.status === 403) throw new SyncError('forbidden', 'Only an owner of the workspace can read its changes.', 403);
  if (response.status === 404) throw new SyncError('workspace', 'The server has no such workspace for this account.', 404);
  if (response.status === 401) throw new SyncError('auth', 'The server no longer accepts this browser’s token. Sign in again in Options → Sync.', 401);
  if (!response.ok) throw new SyncError('server', `The sync server could not list the changes (HTTP ${response.status}).`, response.status);
  const parsed = AuditReply.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new SyncError('server', `The server at ${base} did not answer like a Sidebar CRM sync server.`, response.status);
  return parsed.data.changes;
}
