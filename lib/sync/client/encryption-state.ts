/**
 * What this browser knows of its workspace's encryption: the server's key envelopes as last
 * fetched (a `sync:` meta row, so Options shows the state offline) and which of their keys this
 * browser has unlocked. From the two: the mode, whether sync must wait for the passphrase, and the
 * RowCipher the sync run seals and opens values with.
 */
import type { CrmDatabase } from '../../db/database';
import { currentKey, KeyEnvelope } from '../shared/key-envelope';
import { retirementHolds, openCheck } from './crypto/key-proofs';
import { unlockedKeys } from './crypto/key-store';
import { rewritePosition } from './rewrite-pass';
import type { RowCipher } from './crypto/row-cipher';
import type { KeyTransport } from './key-transport';

export const envelopesKey = (workspace: string) => `sync:encryption:${workspace}`;
/** Set when a member is removed from an encrypted workspace: Options offers to rotate the key. */
export const rotateSuggestedKey = (workspace: string) => `sync:rotate-suggested:${workspace}`;

/**
 * `plain`: no keys. `encrypted`: a current key; new values are sealed with it. `decrypting`: keys
 * left but none current (encryption was turned off): values are written plain and ciphertexts
 * still open with the old keys until the rewrite has reached every row.
 */
export type EncryptionMode = 'plain' | 'encrypted' | 'decrypting';

export function modeOf(envelopes: readonly KeyEnvelope[]): EncryptionMode {
  if (currentKey(envelopes)) return 'encrypted';
  return envelopes.length > 0 ? 'decrypting' : 'plain';
}

export async function storedEnvelopes(db: CrmDatabase, workspace: string): Promise<KeyEnvelope[]> {
  const parsed = KeyEnvelope.array().safeParse((await db.meta.get(envelopesKey(workspace)))?.value);
  return parsed.success ? parsed.data : [];
}

/** Fetches the envelopes (one GET, before each sync run) and keeps them for offline reads. */
export async function refreshEnvelopes(db: CrmDatabase, keys: KeyTransport, workspace: string): Promise<KeyEnvelope[]> {
  const envelopes = await keys.keys();
  await db.meta.put({ key: envelopesKey(workspace), value: envelopes });
  return envelopes;
}

export type CipherState = { mode: 'plain' } | { mode: 'locked'; keyId: string } | { mode: Exclude<EncryptionMode, 'plain'>; cipher: RowCipher };

/** The envelopes with every retirement this browser cannot believe taken back (./crypto/key-proofs.ts). */
export async function verifiedEnvelopes(envelopes: readonly KeyEnvelope[], keys: ReadonlyMap<string, CryptoKey>, workspace: string): Promise<KeyEnvelope[]> {
  const verified: KeyEnvelope[] = [];
  for (const envelope of envelopes) {
    if (envelope.retiredAt === undefined || (await retirementHolds(keys, envelope, workspace))) verified.push(envelope);
    else verified.push({ ...envelope, retiredAt: undefined });
  }
  return verified;
}

/**
 * How this browser syncs now. Locked while the current key is not unlocked here: a locked browser
 * neither pushes (the server would refuse plain values) nor pulls (every row would be set aside
 * as unreadable) until the passphrase is entered. Being turned off never locks: values are plain
 * again, and what is still sealed with a key this browser lacks is set aside until it opens.
 * Plain values are taken only if stamped before the `since` sealed in the current key's check,
 * and only until this browser's rewrite pass has sealed everything it can see.
 */
export async function cipherState(db: CrmDatabase, workspace: string, envelopes: readonly KeyEnvelope[]): Promise<CipherState> {
  if (envelopes.length === 0) return { mode: 'plain' };
  const keys = await unlockedKeys(db, workspace);
  const verified = await verifiedEnvelopes(envelopes, keys, workspace);
  const mode = modeOf(verified);
  const current = currentKey(verified);
  if (current && !keys.has(current.keyId)) return { mode: 'locked', keyId: current.keyId };
  const key = current ? keys.get(current.keyId) : undefined;
  const since = key && current ? (await openCheck(key, current, workspace))?.since : undefined;
  const converted = (await rewritePosition(db, workspace)) ?? undefined;
  const stillConverting = !(converted?.done && converted.target === current?.keyId);
  return {
    mode: mode === 'plain' ? 'decrypting' : mode,
    cipher: {
      workspace,
      keys,
      ...(current && key ? { current: { keyId: current.keyId, key } } : {}),
      ...(since && stillConverting ? { plainBefore: since } : {}),
    },
  };
}
