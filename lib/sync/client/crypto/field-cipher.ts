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
import { toBase64 } from './bytes';

const VERSION = 'e1';
const IV_BYTES = 12;
/** One encoder and decoder for every value: making them per call cost more than AES-GCM itself (measured in Chromium). */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * IVs drawn from the system's CSPRNG 4,096 at a time and handed out once each: one
 * getRandomValues call per IV cost 1.6 µs in Chromium, a third of an AES-GCM call. Each IV is a
 * view of its own 12 bytes, which are never reused: a fresh pool is drawn when one runs out.
 */
const IV_POOL = 4096;
let pool = new Uint8Array(0);
let poolAt = 0;
function freshIv(): Uint8Array<ArrayBuffer> {
  if (poolAt >= pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(IV_BYTES * IV_POOL));
    poolAt = 0;
  }
  const iv = pool.subarray(poolAt, poolAt + IV_BYTES);
  poolAt += IV_BYTES;
  return iv;
}

/**
 * The bytes of a call's inputs (additional data, plaintext, IV and ciphertext) are written here,
 * one call's at a time: WebCrypto takes a copy of every input before `encrypt`/`decrypt` returns
 * ("get a copy of the bytes held by" the argument, in the Web Cryptography spec's normalisation and
 * in each method's first steps; Chromium, Firefox and Node all copy then), so the next call may
 * overwrite them while this one is still running. A sync opens hundreds of thousands of values,
 * and TextEncoder and base64 decoding allocating fresh arrays for each cost more than AES-GCM.
 */
let scratch = new Uint8Array(4096);
function room(bytes: number): Uint8Array<ArrayBuffer> {
  if (scratch.length < bytes) {
    const larger = new Uint8Array(Math.max(bytes, scratch.length * 2));
    larger.set(scratch); // what the call wrote so far (its additional data) stays
    scratch = larger;
  }
  return scratch;
}

/**
 * Writes `parts` as the JSON array `JSON.stringify(parts)` would make, UTF-8 encoded, at `at`:
 * directly while every character is printable ASCII that JSON leaves alone (ids, names and stamps
 * are), through JSON.stringify and TextEncoder otherwise. Returns where the bytes end.
 */
function writeJsonArray(parts: readonly string[], at: number): number {
  let length = 2 + parts.length * 3;
  for (const part of parts) length += part.length;
  const out = room(at + length * 3);
  let end = at;
  out[end++] = 91; // [
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    if (index > 0) out[end++] = 44; // ,
    out[end++] = 34; // "
    for (let char = 0; char < part.length; char += 1) {
      const code = part.charCodeAt(char);
      if (code < 32 || code > 126 || code === 34 || code === 92) {
        const json = JSON.stringify(parts);
        return at + encoder.encodeInto(json, room(at + json.length * 3).subarray(at)).written;
      }
      out[end++] = code;
    }
    out[end++] = 34;
  }
  out[end++] = 93; // ]
  return end;
}

/** Writes `text` UTF-8 encoded at `at`; returns where its bytes end. */
function writeText(text: string, at: number): number {
  const out = room(at + text.length * 3);
  for (let char = 0; char < text.length; char += 1) {
    const code = text.charCodeAt(char);
    if (code > 127) return at + encoder.encodeInto(text, out.subarray(at)).written;
    out[at + char] = code;
  }
  return at + text.length;
}

/** Base64's alphabet, by character code: the 6-bit value of each. */
const SIXTETS = new Uint8Array(128);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((char, index) => {
  SIXTETS[char.charCodeAt(0)] = index;
});

/**
 * Decodes base64 `text` from `start` at `at`, for text `isCiphertext` has already checked (the
 * alphabet, whole groups of four, padding only at the end). Returns where the bytes end.
 */
function writeBase64(text: string, start: number, at: number): number {
  let padding = 0;
  if (text.charCodeAt(text.length - 1) === 61) padding = text.charCodeAt(text.length - 2) === 61 ? 2 : 1;
  const out = room(at + ((text.length - start) / 4) * 3);
  let end = at;
  for (let char = start; char < text.length; char += 4) {
    const bits =
      (SIXTETS[text.charCodeAt(char)]! << 18) | (SIXTETS[text.charCodeAt(char + 1)]! << 12) | (SIXTETS[text.charCodeAt(char + 2)]! << 6) | SIXTETS[text.charCodeAt(char + 3)]!;
    out[end++] = bits >> 16;
    out[end++] = (bits >> 8) & 255;
    out[end++] = bits & 255;
  }
  return end - padding;
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

/**
 * Writes the additional data for `place` at the start of the scratch bytes: a JSON array, which is
 * unambiguous whatever the parts hold (no separator can be forged into a part). Returns its end.
 */
function writeAdditionalData(place: FieldPlace, keyId: string): number {
  return writeJsonArray([VERSION, place.workspace, place.table, place.id, place.field, place.hlc, keyId], 0);
}

/** The ciphertext of `value` (any JSON value, `undefined` as null) for `place`. */
export async function encryptField(key: CryptoKey, keyId: string, place: FieldPlace, value: unknown): Promise<string> {
  const iv = freshIv();
  const aadEnd = writeAdditionalData(place, keyId);
  const plainEnd = writeText(JSON.stringify(value ?? null), aadEnd);
  const bytes = room(0);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: bytes.subarray(0, aadEnd), tagLength: 128 }, key, bytes.subarray(aadEnd, plainEnd)),
  );
  // 12 bytes are whole groups of three: the IV's base64 followed by the rest's is the whole's.
  return `${VERSION}.${keyId}.${toBase64(iv)}${toBase64(sealed)}`;
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
  const keyIdEnd = stored.indexOf('.', 3);
  const keyId = stored.slice(3, keyIdEnd);
  const key = keys.get(keyId);
  if (!key) throw new FieldDecryptError(`${place.table}.${place.field} needs a key this browser does not have`, place);
  const aadEnd = writeAdditionalData(place, keyId);
  const bodyEnd = writeBase64(stored, keyIdEnd + 1, aadEnd);
  const bytes = room(0);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(aadEnd, aadEnd + IV_BYTES), additionalData: bytes.subarray(0, aadEnd), tagLength: 128 },
      key,
      bytes.subarray(aadEnd + IV_BYTES, bodyEnd),
    );
    return JSON.parse(decoder.decode(plain));
  } catch {
    throw new FieldDecryptError(`${place.table}.${place.field} failed its integrity check: changed on the way or on the server, or moved from another field, row or time`, place);
  }
}
