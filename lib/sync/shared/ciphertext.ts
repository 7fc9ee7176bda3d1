/**
 * How an encrypted field value looks, for the server (which insists on one in an encrypted
 * workspace without reading it) and for key envelopes (whose check value is one):
 * `e1.<keyId>.<base64 of 12-byte IV ‖ ciphertext ‖ 16-byte tag>`. The shortest (a JSON `null`) is
 * 32 bytes, 44 base64 characters. Strict, so that no value a person types is taken for one.
 */
const CIPHERTEXT = /^e1\.[A-Za-z0-9_-]{1,32}\.(?:[A-Za-z0-9+/]{4}){10,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The protocol's bound on one value (SYNC_LIMITS.valueChars), kept here to stay import-free. */
const MAX_CHARS = 200_000;

export function looksEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_CHARS && CIPHERTEXT.test(value);
}

/** The key id a ciphertext names, or undefined for anything that is not one. */
export function ciphertextKeyId(value: unknown): string | undefined {
  return looksEncrypted(value) ? value.split('.')[1] : undefined;
}
