/**
 * The extension's HTTP client for the sync server. Every reply is parsed with the protocol's Zod
 * schemas; every failure becomes a SyncError whose `kind` tells the scheduler what to do and whose
 * message says, in plain words, what the user should know.
 */
import { ErrorReply, PullReply, PushReply, WorkspacesReply, type PushChange, type PushRequestInput } from '../shared/protocol';

export type SyncErrorKind =
  /** 401: the token is gone or revoked; stop until the user signs in again. */
  | 'auth'
  /** 429: wait `retryAfterMs`. */
  | 'rate-limited'
  /** 410: the cursor is too old; pull again from 0. */
  | 'resync'
  /** 404: the workspace is not (or no longer) this user's. */
  | 'workspace'
  /** 409: this browser's clock is ahead of the server's. */
  | 'clock'
  /** 403: this member may not do this (a viewer pushing): what was refused is set aside. */
  | 'forbidden'
  /** No answer: offline, DNS, refused, timed out. Retry with back-off. */
  | 'network'
  /** 5xx or an answer that is not the protocol: retry with back-off. */
  | 'server'
  /** 400/413: a bug on our side; keep the outbox and report. */
  | 'request'
  /** An end-to-end encrypted workspace this browser has not unlocked: stop until the passphrase is entered. */
  | 'locked'
  /** A team request the server declined for a reason the user can act on (last owner, used invite): the message says it. */
  | 'refused';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** The server's own words for a refused request (400/413), for the quarantine's reason. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export interface SyncTransport {
  push(body: PushRequestInput): Promise<PushReply>;
  /**
   * A hint that these changes are likely pushed next, given while the current push is in flight:
   * a transport with work of its own per change (sealing, in an encrypted workspace) may start it
   * now, so that it overlaps the server's work instead of following it. Optional; changes not
   * pushed after all, or pushed changed, are simply not used.
   */
  prepare?(changes: readonly PushChange[]): void;
  pull(since: number, limit?: number): Promise<PullReply>;
  workspaces(): Promise<WorkspacesReply['workspaces']>;
}

export interface HttpTransportOptions {
  serverUrl: string;
  token: string;
  /** Needed for push and pull; the workspace list does not use it. */
  workspace?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function failure(response: Response): Promise<SyncError> {
  const detail = (await errorReply(response))?.message ?? `HTTP ${response.status}`;
  switch (response.status) {
    case 401:
      return new SyncError('auth', 'The server no longer accepts this browser’s token. Sign in again in Options → Sync.', 401);
    case 403:
      return new SyncError('forbidden', `The server refused this change: ${detail}.`, 403, undefined, detail);
    case 404:
      return new SyncError('workspace', 'The server has no such workspace for this account. Pick another workspace in Options → Sync.', 404);
    case 409:
      return new SyncError('clock', `This computer’s clock is ahead of the server’s (${detail}). Correct the clock; sync retries by itself.`, 409);
    case 410:
      return new SyncError('resync', 'The server asks for a full resync.', 410);
    case 429:
      return new SyncError('rate-limited', 'The server asked to slow down; sync resumes shortly.', 429, retryAfterMs(response.headers.get('retry-after')) ?? 60_000);
    case 400:
    case 413:
      return new SyncError('request', `The server refused a sync request (${detail}). Your changes are kept; please report this.`, response.status, undefined, detail);
    default:
      return new SyncError('server', `The sync server had a problem (${detail}). Sync retries by itself.`, response.status);
  }
}

export type ReplySchema<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false } };
export type JsonRequest = <T>(path: string, schema: ReplySchema<T>, init?: RequestInit) => Promise<T>;

/** The server's ErrorReply of a failed response (its `error` and `message`), if it sent one. */
export async function errorReply(response: Response): Promise<ErrorReply | undefined> {
  const parsed = ErrorReply.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data : undefined;
}

/**
 * One JSON request to the server: the bearer token (when there is one) only in the header, the
 * reply parsed by `schema`, every failure a SyncError (`failed` turns a non-2xx into one).
 */
export function jsonRequester(
  options: Pick<HttpTransportOptions, 'serverUrl' | 'fetch' | 'timeoutMs'> & { token?: string },
  failed: (response: Response) => Promise<SyncError> = failure,
  unreachable = 'Changes are kept and sent when it is reachable.',
): JsonRequest {
  const base = options.serverUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async function request<T>(path: string, schema: ReplySchema<T>, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        ...init,
        headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new SyncError('network', `Cannot reach the sync server at ${base}. ${unreachable}`);
    }
    if (!response.ok) throw await failed(response);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new SyncError('server', `The server at ${base} did not answer like a Sidebar CRM sync server.`, response.status);
    return parsed.data;
  };
}

/** A transport over fetch. The token is sent only in the Authorization header and never logged. */
export function httpTransport(options: HttpTransportOptions): SyncTransport {
  const request = jsonRequester(options);

  const workspacePath = () => {
    if (!options.workspace) throw new SyncError('workspace', 'No workspace chosen. Pick one in Options → Sync.');
    return `/v1/w/${encodeURIComponent(options.workspace)}`;
  };

  return {
    push: (body) => request(`${workspacePath()}/push`, PushReply, { method: 'POST', body: JSON.stringify(body) }),
    pull: (since, limit = 1000) => request(`${workspacePath()}/pull?since=${since}&limit=${limit}`, PullReply),
    workspaces: async () => (await request('/v1/workspaces', WorkspacesReply)).workspaces,
  };
}
