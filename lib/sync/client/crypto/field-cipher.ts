/**
 * One field value as the server of an encrypted workspace sees it: AES-256-GCM with a fresh
 * random 96-bit IV for every encryption, and additional authenticated data binding the ciphertext
 * to where it belongs (workspace, table, row id, field, HLC stamp, key id). The server keeps the
 * table, field, row id and stamp in the clear (the merge needs them) but cannot move a value to
 * another field, row or time, or swap in an older value, without the decryption failing.
 *
 * Stored as one string, `e1.<keyId>.<base64 of IV ‖ ciphertext ‖ tag>`: the version and key id
 * are readable so a browser knows which key a value needs (both keys are readable during a rotation).
 */
import { looksEncrypted } from '../../shared/encryption';
import { KeyId } from '../../shared/key-envelope';
import { fromBase64, toBase64 } from './bytes';

const VERSION = 'e1';
const IV_BYTES = 12;
/** One encoder and decoder for every value: making them per call cost more than AES-GCM itself (measured in Chromium). */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * IVs drawn from the system's CSPRNG 4,096 at a time and handed out once each: one
 * getRandomValues call per IV cost 1.6 µs in Chromium, a third of an AES-GCM call. Each IV is
 * copied out and its bytes never reused; a fresh pool is drawn when one runs out.
 */
const IV_POOL = 4096;
let pool = new Uint8Array(0);
let poolAt = 0;
function freshIv(): Uint8Array<ArrayBuffer> {
  if (poolAt >= pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(IV_BYTES * IV_POOL));
    poolAt = 0;
  }
  const iv = pool.slice(poolAt, poolAt + IV_BYTES);
  poolAt += IV_BYTES;
  return iv;
}

/** Where a value belongs: what its ciphertext is bound to. */
export interface FieldPlace {
  workspace: string;
  table: string;
  id: string;
  field: string;
  /** The value's HLC stamp, as the protocol sends it. */
  hlc: string;
}

export class FieldDecryptError extends Error {
  constructor(
    message: string,
    readonly place: FieldPlace,
  ) {
    super(message);
    this.name = 'FieldDecryptError';
  }
}

/** Whether a stored value is a ciphertext of this format (shared with the server, which insists on one). */
export const isCiphertext = looksEncrypted;

function additionalData(place: FieldPlace, keyId: string): Uint8Array<ArrayBuffer> {
  // A JSON array: unambiguous whatever the parts hold (no separator can be forged into a part).
  return encoder.encode(JSON.stringify([VERSION, place.workspace, place.table, place.id, place.field, place.hlc, keyId]));
}

/** The ciphertext of `value` (any JSON value, `undefined` as null) for `place`. */
export async function encryptField(key: CryptoKey, keyId: string, place: FieldPlace, value: unknown): Promise<string> {
  const iv = freshIv();
  const plain = encoder.encode(JSON.stringify(value ?? null));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(place, keyId), tagLength: 128 }, key, plain));
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return `${VERSION}.${keyId}.${toBase64(out)}`;
}

/** The key id a ciphertext needs, or undefined for anything that is not one. */
export function keyIdOf(stored: unknown): string | undefined {
  if (!isCiphertext(stored)) return undefined;
  const keyId = stored.split('.')[1];
  return KeyId.safeParse(keyId).success ? keyId : undefined;
}

/**
 * The value a ciphertext holds, if it was made for `place` with one of `keys` (by key id).
 * Anything else (tampered, moved, made for another stamp, an unknown key) throws
 * FieldDecryptError: the caller quarantines the row and never applies it.
 */
export async function decryptField(keys: ReadonlyMap<string, CryptoKey>, place: FieldPlace, stored: unknown): Promise<unknown> {
  if (!isCiphertext(stored)) throw new FieldDecryptError(`${place.table}.${place.field} came unencrypted in an encrypted workspace`, place);
  const [, keyId, body] = stored.split('.');
  const key = keyId === undefined ? undefined : keys.get(keyId);
  if (!key || body === undefined) throw new FieldDecryptError(`${place.table}.${place.field} needs a key this browser does not have`, place);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(body);
  } catch {
    throw new FieldDecryptError(`${place.table}.${place.field} is not a ciphertext`, place);
  }
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: additionalData(place, keyId!), tagLength: 128 },
      key,
      bytes.subarray(IV_BYTES),
    );
    return JSON.parse(decoder.decode(plain));
  } catch {
    throw new FieldDecryptError(`${place.table}.${place.field} failed its integrity check: changed on the way or on the server, or moved from another field, row or time`, place);
  }
}
