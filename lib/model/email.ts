import { z } from 'zod';

/**
 * An address as the product stores and links it: one `@`, a local part of letters of any script,
 * digits, dots (anywhere: Japanese carriers issued `taro.@docomo.ne.jp`) and the RFC 5322
 * specials except `?`, which would start a mailto: header part,
 * and a domain of at least two labels whose last is a name. Stricter than RFC 5322 (no quoted
 * local parts, no address literals: nobody's address book has them) and looser than Zod's
 * default, which refuses `jürgen@müller.de`. The same rule holds wherever an address enters:
 * a page, an import, a restore, a typed edit, a pulled row and the server.
 */
const EMAIL_PATTERN =
  /^[\p{L}\p{M}\p{N}.!#$%&'*+/=^_`{|}~-]{1,64}@(?=.{1,253}$)(?:[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?\.)+(?:\p{L}[\p{L}\p{M}]{1,62}|xn--[a-z0-9-]{1,59})$/u;

export const MAX_EMAIL_CHARS = 320;

export const EmailAddress = z.string().max(MAX_EMAIL_CHARS).regex(EMAIL_PATTERN, 'Not an email address, like name@example.com');

export function isEmailAddress(text: string): boolean {
  return text.length <= MAX_EMAIL_CHARS && EMAIL_PATTERN.test(text);
}
