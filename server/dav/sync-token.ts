/**
 * RFC 6578 sync tokens made from the workspace cursor: a URI, as the RFC asks, that names the
 * cursor the client has seen everything up to.
 */
const PREFIX = 'http://sidebar-crm/sync/';

export const syncTokenOf = (cursor: number): string => `${PREFIX}${cursor}`;

/** The cursor a token names, or undefined for a token this server never made. */
export function cursorOfSyncToken(token: string): number | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  const digits = token.slice(PREFIX.length);
  if (!/^(0|[1-9][0-9]{0,15})$/.test(digits)) return undefined;
  const cursor = Number(digits);
  return Number.isSafeInteger(cursor) ? cursor : undefined;
}
