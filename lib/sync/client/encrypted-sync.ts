/**
 * The encryption side of one sync run: before it, the workspace's key envelopes are fetched (one
 * GET) and the transport chosen — plain, sealed with this browser's keys, or none while the
 * workspace is locked here; after it, the rewrite pass (./rewrite-pass.ts) if the target encoding
 * changed, an owner's clean-up of old keys, and a retry of rows set aside as undecryptable.
 */
import type { CrmDatabase } from '../../db/database';
import type { KeyEnvelope } from '../shared/key-envelope';
import { sealRetirement } from './crypto/key-proofs';
import type { RowCipher } from './crypto/row-cipher';
import { cipherState, refreshEnvelopes, type CipherState } from './encryption-state';
import { keyTransport, type KeyTransport } from './key-transport';
import { readMembership, canWrite } from './membership';
import { runRewritePass, rewriteOwed, type RewritePosition } from './rewrite-pass';
import { sealedTransport } from './sealed-transport';
import type { SyncSettings } from './settings';
import { httpTransport, SyncError, type SyncTransport } from './transport';
import { recordOpened, retryUndecryptable, undecryptableCount } from './undecryptable';

export interface EncryptedRun {
  transport: SyncTransport;
  /** The unsealed transport, for the rewrite pass (it sees values as stored). */
  raw: SyncTransport;
  keys: KeyTransport;
  /** The key envelopes as fetched for this run. */
  envelopes: KeyEnvelope[];
  state: CipherState;
}

/** The mode the last run believed: `sync:encryption-seen:<workspace>`. */
export const seenModeKey = (workspace: string) => `sync:encryption-seen:${workspace}`;

export const KEYS_VANISHED =
  'The server no longer lists the keys of this end-to-end encrypted workspace, so nothing is sent in plain text. If an owner turned encryption off while this browser was away, sign out of sync and in again; otherwise ask the server’s operator.';

export const LOCKED_MESSAGE = 'This workspace is end-to-end encrypted. Enter its passphrase in Options → Sync to unlock it in this browser; nothing syncs until then.';

/** The run's transports; throws SyncError `locked` while this browser cannot read the workspace. */
export async function prepareEncryptedRun(db: CrmDatabase, settings: SyncSettings, fetcher?: typeof globalThis.fetch): Promise<EncryptedRun> {
  const raw = httpTransport({ ...settings, fetch: fetcher });
  const keys = keyTransport({ ...settings, fetch: fetcher });
  const envelopes = await refreshEnvelopes(db, keys, settings.workspace);
  const seen = (await db.meta.get(seenModeKey(settings.workspace)))?.value;
  // Keys are deleted only after encryption was turned off, which this browser would have seen:
  // a server that suddenly lists none for an encrypted workspace is not believed.
  if (envelopes.length === 0 && seen === 'encrypted') throw new SyncError('server', KEYS_VANISHED);
  const state = await cipherState(db, settings.workspace, envelopes);
  if (state.mode === 'locked') throw new SyncError('locked', LOCKED_MESSAGE);
  await db.meta.put({ key: seenModeKey(settings.workspace), value: state.mode });
  const transport = 'cipher' in state ? sealedTransport(raw, state.cipher, (failed, opened) => recordOpened(db, failed, opened)) : raw;
  return { transport, raw, keys, envelopes, state };
}

export interface AfterRun {
  rewrite?: RewritePosition;
  undecryptable: number;
}

/** Runs what the encryption owes after a sync run: the rewrite pass, key clean-up, retries. */
export async function finishEncryptedRun(db: CrmDatabase, run: EncryptedRun, onProgress?: (position: RewritePosition) => void): Promise<AfterRun> {
  if (!('cipher' in run.state)) return { undecryptable: 0 };
  const cipher = run.state.cipher;
  let rewrite: RewritePosition | undefined;
  const membership = await readMembership(db);
  if (canWrite(membership) && (await rewriteOwed(db, cipher, cipher.workspace))) rewrite = await runRewritePass(db, run.raw, run.keys, cipher, onProgress);
  // Checked on every run, not only after a pass: a worker stopped between the two still retires.
  const oldKeys = run.envelopes.filter((envelope) => envelope.keyId !== cipher.current?.keyId);
  if (membership?.role === 'owner' && oldKeys.length > 0 && !(await rewriteOwed(db, cipher, cipher.workspace))) await retireOldKeys(run.keys, cipher, oldKeys);
  if ((await undecryptableCount(db)) > 0) await retryUndecryptable(db, cipher);
  return { ...(rewrite ? { rewrite } : {}), undecryptable: await undecryptableCount(db) };
}

/**
 * After an owner's pass: keys other than the current one are marked retired (a rotation's old key)
 * and, beside a current key, deleted when no stored value needs them any more; the server refuses (409) to delete a key
 * some row still uses (a member's private rows their own browser has not re-encoded yet).
 */
async function retireOldKeys(keys: KeyTransport, cipher: RowCipher, oldKeys: readonly KeyEnvelope[]): Promise<void> {
  const at = new Date().toISOString();
  for (const envelope of oldKeys) {
    const key = cipher.keys.get(envelope.keyId);
    // A retirement is sealed with the key it retires, so browsers holding the key can believe it.
    if (!envelope.retiredAt && key) await keys.putKey({ ...envelope, retiredAt: at, retiredProof: await sealRetirement(key, envelope.keyId, cipher.workspace, at) });
    // Deleted only beside a current key (after a rotation). Turned off, the retired keys stay:
    // their sealed retirements are how browsers tell "turned off" from a server that dropped them.
    if (!cipher.current) continue;
    await keys.deleteKey(envelope.keyId).catch((error: unknown) => {
      if (!(error instanceof SyncError && error.status === 409)) throw error;
    });
  }
}
