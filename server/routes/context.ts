import type { Role } from '../../lib/sync/shared/protocol';
import type { Caller } from '../store';

/** What the checks of ./sync.ts leave for the workspace routes: the caller (from the token) and their role there. */
export type Env = { Variables: { caller: Caller; role: Role } };

/** The client's address as the Node server saw the socket; 'unknown' where there is none (in-process tests). */
export function clientAddress(env: unknown): string {
  const bindings = env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return bindings?.incoming?.socket?.remoteAddress ?? 'unknown';
}
