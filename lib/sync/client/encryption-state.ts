/**
 * What this browser knows of its workspace's encryption: the server's key envelopes as last
 * fetched (a `sync:` meta row, so Options shows the state offline) and which of their keys this
 * browser has unlocked. From the two: the mode, whether sync must wait for the passphrase, and the
 * RowCipher the sync run seals and opens values with.
 */
import type { CrmDatabase } from '../../db/database';
import { currentKey, KeyEnvelope } from '../shared/key-envelope';
import { unlockedKeys } from './crypto/key-store';
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

/** The earliest stamp encryption began at, over every key: plain values stamped before it are genuine. */
function plainBefore(envelopes: readonly KeyEnvelope[]): string | undefined {
  const stamps = envelopes.flatMap((envelope) => (envelope.since ? [envelope.since] : []));
  return stamps.length === 0 ? undefined : stamps.sort()[0];
}

export type CipherState = { mode: 'plain' } | { mode: 'locked'; keyId: string } | { mode: Exclude<EncryptionMode, 'plain'>; cipher: RowCipher };

/**
 * How this browser syncs now. Locked while a current key is not unlocked here (or, when
 * decrypting, none is): a locked browser neither pushes (the server would refuse plain values)
 * nor pulls (every row would be set aside as unreadable) until the passphrase is entered.
 */
export async function cipherState(db: CrmDatabase, workspace: string, envelopes: readonly KeyEnvelope[]): Promise<CipherState> {
  const mode = modeOf(envelopes);
  if (mode === 'plain') return { mode };
  const keys = await unlockedKeys(db, workspace);
  const current = currentKey(envelopes);
  if (current && !keys.has(current.keyId)) return { mode: 'locked', keyId: current.keyId };
  if (!current && !envelopes.some((envelope) => keys.has(envelope.keyId))) return { mode: 'locked', keyId: envelopes[0]!.keyId };
  const since = plainBefore(envelopes);
  return {
    mode,
    cipher: {
      workspace,
      keys,
      ...(current ? { current: { keyId: current.keyId, key: keys.get(current.keyId)! } } : {}),
      ...(since ? { plainBefore: since } : {}),
    },
  };
}
