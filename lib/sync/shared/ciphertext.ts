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

export function looksEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_CHARS && CIPHERTEXT.test(value);
}

/** The key id a ciphertext names, or undefined for anything that is not one. */
export function ciphertextKeyId(value: unknown): string | undefined {
  return looksEncrypted(value) ? value.split('.')[1] : undefined;
}
