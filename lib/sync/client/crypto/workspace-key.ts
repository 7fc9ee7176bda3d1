/**
 * The workspace key's life in the browser, all through WebCrypto: made at random, wrapped with a
 * key derived from the workspace passphrase (the envelope the server keeps), unwrapped into a
 * non-extractable CryptoKey (what IndexedDB keeps: no script can read its bytes back), and shown
 * once as a recovery key. The passphrase and the raw key never leave this file's callers.
 */
import { KDF, KeyEnvelope, MIN_KDF_ITERATIONS, type KeyId } from '../../shared/key-envelope';
import { fromBase64, toBase64 } from './bytes';

/**
 * PBKDF2-SHA-256 iterations for new envelopes: 3,000,000 make an unlock take 0.3-0.4 s in Chromium
 * on this project's 2-core test machine (npm run bench: sync.encryption.unlockMs), inside the
 * 0.3-1 s the issue asks, and five times OWASP's floor.
 */
export const KDF_ITERATIONS = 3_000_000;

const subtle = () => globalThis.crypto.subtle;
const AES_GCM = { name: 'AES-GCM', length: 256 } as const;

export class WrongPassphraseError extends Error {
  constructor() {
    super('That passphrase does not unlock this workspace. Check it and try again; nothing was changed.');
    this.name = 'WrongPassphraseError';
  }
}

/** A new random workspace key: extractable only until it is wrapped and its recovery key shown. */
export async function newWorkspaceKey(): Promise<CryptoKey> {
  return subtle().generateKey(AES_GCM, true, ['encrypt', 'decrypt']);
}

/** A new key id: 12 random bytes, base64url. */
export function newKeyId(): KeyId {
  return toBase64(crypto.getRandomValues(new Uint8Array(12))).replaceAll('+', '-').replaceAll('/', '_');
}

/** The passphrase's key-encryption key (PBKDF2-SHA-256, the envelope's salt and iterations). */
async function wrappingKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']);
}

/** The envelope for `key` under `passphrase`, with a fresh salt (Change passphrase calls it again). */
export async function wrapWorkspaceKey(key: CryptoKey, passphrase: string, keyId: KeyId, iterations = MIN_KDF_ITERATIONS): Promise<KeyEnvelope> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const wrapped = new Uint8Array(await subtle().wrapKey('raw', key, await wrappingKey(passphrase, salt, iterations), 'AES-KW'));
  return KeyEnvelope.parse({ kdf: KDF, params: { iterations }, salt: toBase64(salt), wrappedKey: toBase64(wrapped), keyId });
}

/**
 * The workspace key from its envelope: non-extractable unless asked (a passphrase change or a
 * recovery key needs the bytes once). AES-KW checks its own integrity, so a wrong passphrase is
 * told apart from every right one: WrongPassphraseError.
 */
export async function unwrapWorkspaceKey(envelope: KeyEnvelope, passphrase: string, extractable = false): Promise<CryptoKey> {
  const parsed = KeyEnvelope.parse(envelope);
  const kek = await wrappingKey(passphrase, fromBase64(parsed.salt), parsed.params.iterations);
  try {
    return await subtle().unwrapKey('raw', fromBase64(parsed.wrappedKey), kek, 'AES-KW', AES_GCM, extractable, ['encrypt', 'decrypt']);
  } catch {
    throw new WrongPassphraseError();
  }
}

/** The raw 32 bytes of an extractable key (for the recovery key, shown once). */
export async function rawKeyBytes(key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle().exportKey('raw', key));
}

/** A key from its raw bytes (a recovery key), non-extractable unless asked. */
export async function importRawKey(bytes: Uint8Array<ArrayBuffer>, extractable = false): Promise<CryptoKey> {
  if (bytes.length !== 32) throw new Error('a workspace key is 32 bytes');
  return subtle().importKey('raw', bytes, AES_GCM, extractable, ['encrypt', 'decrypt']);
}
