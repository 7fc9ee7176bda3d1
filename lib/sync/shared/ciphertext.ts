/**
 * How an encrypted field value looks, for the server (which insists on one in an encrypted
 * workspace without reading it) and for key envelopes (whose check value is one):
 * `e1.<keyId>.<base64 of 12-byte IV ‖ ciphertext ‖ 16-byte tag>`. The shortest (a JSON `null`) is
 * 32 bytes, 44 base64 characters. Strict, so that no value a person types is taken for one.
 */
const CIPHERTEXT = /^e1\.[A-Za-z0-9_-]{1,32}\.(?:[A-Za-z0-9+/]{4}){10,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The longest ciphertext: a value may be 200,000 characters of JSON (SYNC_LIMITS.valueChars), up
 * to 3 bytes each in UTF-8, sealed (+28 bytes) and in base64 (4/3): 800,000 characters and the
 * prefix. Kept here, not imported, so this module stays import-free.
 */
export const MAX_CIPHERTEXT_CHARS = 800_100;
const MAX_CHARS = MAX_CIPHERTEXT_CHARS;

/** `CIPHERTEXT`'s pattern, kept as its specification (the tests hold the check below to it). */
export const CIPHERTEXT_PATTERN = CIPHERTEXT;

/** Whether a character code is in base64's alphabet (A-Z a-z 0-9 + /); `_` and `-` too when `keyIdChars`. */
function isCodeIn(code: number, keyIdChars: boolean): boolean {
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return true;
  return keyIdChars ? code === 95 || code === 45 : code === 43 || code === 47;
}

/**
 * Exactly `CIPHERTEXT.test(value)`, in a loop over character codes: every value of a sync page
 * passes through here several times (the protocol's limit, the server's encoding check, the
 * browser's decryption), and the regular expression cost ~2 µs a value in Chromium, a tenth of
 * opening it.
 */
export function looksEncrypted(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_CHARS) return false;
  if (value.charCodeAt(0) !== 101 /* e */ || value.charCodeAt(1) !== 49 /* 1 */ || value.charCodeAt(2) !== 46 /* . */) return false;
  let at = 3;
  while (at < value.length && at - 3 <= 32 && isCodeIn(value.charCodeAt(at), true)) at += 1;
  const keyIdLength = at - 3;
  if (keyIdLength < 1 || keyIdLength > 32 || value.charCodeAt(at) !== 46) return false;
  const body = at + 1;
  const length = value.length - body;
  // Whole groups of four: ten or more of the alphabet, then at most one group ending in "=" or "==".
  if (length % 4 !== 0) return false;
  let padding = 0;
  if (value.charCodeAt(value.length - 1) === 61 /* = */) padding = value.charCodeAt(value.length - 2) === 61 ? 2 : 1;
  const fullGroups = padding === 0 ? length / 4 : length / 4 - 1;
  if (fullGroups < 10) return false;
  for (let index = body; index < value.length - padding; index += 1) if (!isCodeIn(value.charCodeAt(index), false)) return false;
  return true;
}

/** The key id a ciphertext names, or undefined for anything that is not one. */
export function ciphertextKeyId(value: unknown): string | undefined {
  return looksEncrypted(value) ? value.split('.')[1] : undefined;
}
