import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens: 256 random bits, shown once and stored only as their SHA-256. A fast hash is
 * right here (unlike passwords): the secret has full entropy, so there is nothing to brute-force.
 */

const TOKEN_PREFIX = 'scrm_';

/**
 * What a token may be used for. No scope: everything the user may do. `dav`: an app password for
 * address books and calendars only (HTTP Basic under /dav/), refused by the sync API, so the
 * password a phone keeps cannot push changes or read the sync log.
 */
export const TOKEN_SCOPES = ['dav'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
/** The prefix plus 43 base64url characters (32 bytes). */
export const TOKEN_PATTERN = /^scrm_[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compares a presented token with a stored hash in constant time. The row is found by the hash
 * (an index look-up), and this second check keeps the decision itself free of early exits.
 */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

const INVITE_PREFIX = 'scri_';
/** An invite code: like a token, full entropy, shown once and kept only as its SHA-256. */
export const INVITE_PATTERN = /^scri_[A-Za-z0-9_-]{43}$/;

export function newInviteCode(): string {
  return INVITE_PREFIX + randomBytes(32).toString('base64url');
}

/** The token of an `Authorization: Bearer …` header, or undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  const token = match?.[1];
  return token !== undefined && TOKEN_PATTERN.test(token) ? token : undefined;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
