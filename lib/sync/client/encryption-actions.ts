/**
 * What Options → Sync → End-to-end encryption asks the background to do (issue 19). Every key
 * operation happens here, in the extension's background, with WebCrypto: the passphrase and the
 * raw key never leave it (the recovery key is shown once, to the owner who turns encryption on or
 * rotates). Each answers `{ok: true, …}` or `{ok: false, error}` in words for the form; a wrong
 * passphrase writes nothing, here or on the server.
 */
import type { CrmDatabase } from '../../db/database';
import { CLOCK_KEY } from '../../db/outbox';
import { formatHlc, HlcState } from '../shared/hlc';
import { currentKey, type KeyEnvelope } from '../shared/key-envelope';
import { openCheck, sealCheck, sealRetirement } from './crypto/key-proofs';
import { forgetKeys, keepUnlockedKeys, unlockedKeys } from './crypto/key-store';
import { decodeRecoveryKey, encodeRecoveryKey, RecoveryKeyError } from './crypto/recovery-key';
import { importRawKey, KDF_ITERATIONS, newKeyId, newWorkspaceKey, rawKeyBytes, unwrapWorkspaceKey, wrapWorkspaceKey, WrongPassphraseError } from './crypto/workspace-key';
import { cipherState, envelopesKey, modeOf, refreshEnvelopes, rotateSuggestedKey, storedEnvelopes, type EncryptionMode } from './encryption-state';
import { keyTransport, type KeyTransport } from './key-transport';
import { readMembership } from './membership';
import { rewritePosition, type RewritePosition } from './rewrite-pass';
import { readSyncSettings } from './settings';
import { SyncError } from './transport';
import { retryUndecryptable, undecryptableCount } from './undecryptable';

/** Shorter passphrases are refused: PBKDF2 is not memory-hard, so length is the defence. */
export const MIN_PASSPHRASE_CHARS = 12;
/**
 * How far ahead of this browser's clock `since` is set: plain values pushed by browsers whose
 * clocks run up to the server's 60 s ahead, before the key is stored (the KDF takes a while), are
 * still taken; after it is stored the server refuses plain values anyway.
 */
const SINCE_MARGIN_MS = 120_000;

export type EncryptionFailure = { ok: false; error: string };
export type EncryptionResult<T extends object> = ({ ok: true } & T) | EncryptionFailure;

type Deps = { db: CrmDatabase; fetch?: typeof fetch; now?: () => number };

export interface EncryptionStatus {
  mode: EncryptionMode;
  /** Encrypted (or decrypting) and this browser holds no key it needs: sync waits for the passphrase. */
  locked: boolean;
  currentKeyId?: string;
  /** Only owners turn encryption on or off, change the passphrase and rotate (the server enforces it). */
  isOwner: boolean;
  /** Only writers re-encode (the rewrite pass). */
  rewrite?: RewritePosition;
  /** Pulled rows set aside because they did not open. */
  undecryptable: number;
  /** A member was removed since the current key was made: rotating is offered. */
  rotateSuggested: boolean;
  iterations?: number;
}

const NOT_SYNCING = 'This browser does not sync yet: connect in Options → Sync first.';

interface Context {
  workspace: string;
  keys: KeyTransport;
}

async function withKeys<T extends object>({ db, fetch }: Deps, call: (context: Context) => Promise<T>): Promise<EncryptionResult<T>> {
  const settings = await readSyncSettings(db);
  if (!settings) return { ok: false, error: NOT_SYNCING };
  try {
    return { ok: true, ...(await call({ workspace: settings.workspace, keys: keyTransport({ ...settings, fetch }) })) };
  } catch (error) {
    const known = error instanceof SyncError || error instanceof WrongPassphraseError || error instanceof RecoveryKeyError || error instanceof RefusedError;
    if (!known) console.warn('[sidebar-crm] encryption action failed:', error instanceof Error ? error.name : 'unknown error');
    return { ok: false, error: known ? error.message : 'The request failed unexpectedly. Nothing was changed.' };
  }
}

class RefusedError extends Error {}

async function ownerOnly(db: CrmDatabase, what: string): Promise<void> {
  if ((await readMembership(db))?.role !== 'owner') throw new RefusedError(`Only an owner of this workspace can ${what}.`);
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.normalize('NFC').length < MIN_PASSPHRASE_CHARS) throw new RefusedError(`Choose a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters: a few unrelated words are easy to remember and hard to guess.`);
}

/** The stamp encryption begins at: the margin ahead of now, past any stamp this browser has seen (its clock is not moved). */
async function sinceStamp(db: CrmDatabase, now: number): Promise<string> {
  const parsed = HlcState.safeParse((await db.meta.get(CLOCK_KEY))?.value);
  const seen = parsed.success ? parsed.data.millis : 0;
  return formatHlc({ millis: Math.max(now, seen) + SINCE_MARGIN_MS, counter: 0, node: 'ffffffffffffffff' });
}

/** A fresh key, wrapped for `passphrase`, with its check value and recovery key. */
async function freshKey(workspace: string, passphrase: string, since: string): Promise<{ envelope: KeyEnvelope; key: CryptoKey; recoveryKey: string }> {
  const extractable = await newWorkspaceKey();
  const keyId = newKeyId();
  const raw = await rawKeyBytes(extractable);
  const wrapped = await wrapWorkspaceKey(extractable, passphrase, keyId, KDF_ITERATIONS);
  const check = await sealCheck(extractable, keyId, workspace, since);
  const envelope: KeyEnvelope = { ...wrapped, since, check };
  return { envelope, key: await importRawKey(raw), recoveryKey: await encodeRecoveryKey(raw) };
}

/** Every envelope opened with `passphrase` (extractable, to wrap again); the current one must open. */
async function openAll(envelopes: readonly KeyEnvelope[], passphrase: string): Promise<Map<string, CryptoKey>> {
  const first = currentKey(envelopes) ?? envelopes[0];
  if (!first) throw new RefusedError('This workspace is not encrypted.');
  const opened = new Map<string, CryptoKey>([[first.keyId, await unwrapWorkspaceKey(first, passphrase, true)]]);
  for (const envelope of envelopes) {
    if (opened.has(envelope.keyId)) continue;
    // An old key wrapped under another passphrase stays as it was (it only reads old values).
    const key = await unwrapWorkspaceKey(envelope, passphrase, true).catch(() => undefined);
    if (key) opened.set(envelope.keyId, key);
  }
  return opened;
}

async function nonExtractable(keys: ReadonlyMap<string, CryptoKey>): Promise<Map<string, CryptoKey>> {
  const out = new Map<string, CryptoKey>();
  for (const [keyId, key] of keys) out.set(keyId, key.extractable ? await importRawKey(await rawKeyBytes(key)) : key);
  return out;
}

async function afterUnlock(db: CrmDatabase, workspace: string, envelopes: readonly KeyEnvelope[]): Promise<void> {
  await db.meta.put({ key: envelopesKey(workspace), value: envelopes });
  const state = await cipherState(db, workspace, envelopes);
  if ('cipher' in state) await retryUndecryptable(db, state.cipher);
}

export function encryptionStatus(deps: Deps, refresh = true): Promise<EncryptionResult<{ status: EncryptionStatus }>> {
  return withKeys(deps, async ({ workspace, keys }) => {
    const envelopes = refresh ? await refreshEnvelopes(deps.db, keys, workspace).catch(() => storedEnvelopes(deps.db, workspace)) : await storedEnvelopes(deps.db, workspace);
    const state = await cipherState(deps.db, workspace, envelopes);
    // The mode as this browser believes it (a retirement it cannot verify is not believed).
    const mode: EncryptionMode = state.mode === 'locked' ? 'encrypted' : state.mode;
    const current = state.mode === 'locked' ? envelopes.find((envelope) => envelope.keyId === state.keyId) : 'cipher' in state ? envelopes.find((envelope) => envelope.keyId === state.cipher.current?.keyId) : undefined;
    const rewrite = await rewritePosition(deps.db, workspace);
    const target = current?.keyId ?? 'plain';
    return {
      status: {
        mode,
        locked: state.mode === 'locked',
        ...(current ? { currentKeyId: current.keyId, iterations: current.params.iterations } : {}),
        isOwner: (await readMembership(deps.db))?.role === 'owner',
        ...(rewrite && mode !== 'plain' && rewrite.target === target ? { rewrite } : {}),
        undecryptable: await undecryptableCount(deps.db),
        rotateSuggested: current !== undefined && (await deps.db.meta.get(rotateSuggestedKey(workspace)))?.value === true,
      },
    };
  });
}

/**
 * Turns encryption on (owner): a new key, wrapped for the passphrase, stored on the server; this
 * browser keeps it unlocked; the next sync's rewrite pass seals what the server holds plain.
 */
export function enableEncryption(deps: Deps, passphrase: string): Promise<EncryptionResult<{ recoveryKey: string }>> {
  return withKeys(deps, async ({ workspace, keys }) => {
    await ownerOnly(deps.db, 'turn on encryption');
    checkPassphrase(passphrase);
    const envelopes = await keys.keys();
    if (modeOf(envelopes) === 'encrypted') throw new RefusedError('This workspace is encrypted already.');
    const turningOff = await rewritePosition(deps.db, workspace);
    if (envelopes.length > 0 && !(turningOff?.target === 'plain' && turningOff.done)) throw new RefusedError('Encryption is still being turned off: wait until every row is plain again, then turn it on.');
    const since = await sinceStamp(deps.db, (deps.now ?? Date.now)());
    const { envelope, key, recoveryKey } = await freshKey(workspace, passphrase, since);
    await keys.putKey(envelope);
    await keepUnlockedKeys(deps.db, workspace, new Map([[envelope.keyId, key]]));
    await deps.db.meta.put({ key: envelopesKey(workspace), value: [envelope] });
    return { recoveryKey };
  });
}

/** Unlocks this browser with the passphrase (every key it opens) or the recovery key (the key it belongs to). */
export function unlockEncryption(deps: Deps, secret: { passphrase: string } | { recoveryKey: string }): Promise<EncryptionResult<{ note?: string }>> {
  return withKeys(deps, async ({ workspace, keys }) => {
    const envelopes = await keys.keys();
    if (envelopes.length === 0) throw new RefusedError('This workspace is not encrypted: there is nothing to unlock.');
    let opened: Map<string, CryptoKey>;
    if ('passphrase' in secret) {
      opened = await nonExtractable(await openAll(envelopes, secret.passphrase));
    } else {
      const key = await importRawKey(await decodeRecoveryKey(secret.recoveryKey));
      const owner = await ownerOf(workspace, envelopes, key);
      if (!owner) throw new RefusedError('This recovery key belongs to no key of this workspace. Check it, or unlock with the passphrase.');
      // An old key's recovery key reads old values only: say so rather than "unlocked" and still locked.
      if (owner.keyId !== currentKey(envelopes)?.keyId && modeOf(envelopes) === 'encrypted') {
        throw new RefusedError('This recovery key belongs to an older key of this workspace (before a rotation): it cannot unlock it now. Use the passphrase, or the recovery key shown at the last rotation.');
      }
      opened = new Map([[owner.keyId, key]]);
    }
    await keepUnlockedKeys(deps.db, workspace, opened);
    await afterUnlock(deps.db, workspace, envelopes);
    // Every key opens with the passphrase after a change or rotation; one that does not (wrapped
    // under an older passphrase) leaves its values unreadable here, and the user should know.
    const missing = envelopes.filter((envelope) => !opened.has(envelope.keyId)).length;
    return 'passphrase' in secret && missing > 0 ? { note: `Unlocked, but ${missing === 1 ? 'one older key does' : `${missing} older keys do`} not open with this passphrase: values sealed with ${missing === 1 ? 'it' : 'them'} stay unreadable here.` } : {};
  });
}

async function ownerOf(workspace: string, envelopes: readonly KeyEnvelope[], key: CryptoKey): Promise<KeyEnvelope | undefined> {
  for (const envelope of envelopes) if (await openCheck(key, envelope, workspace)) return envelope;
  return undefined;
}

/** Wraps every key again for the new passphrase (owner); no value is re-encrypted. */
export function changePassphrase(deps: Deps, current: string, next: string): Promise<EncryptionResult<object>> {
  return withKeys(deps, async ({ workspace, keys }) => {
    await ownerOnly(deps.db, 'change the passphrase');
    checkPassphrase(next);
    const envelopes = await keys.keys();
    const opened = await openAll(envelopes, current);
    const rewrapped: KeyEnvelope[] = [];
    for (const envelope of envelopes) {
      const key = opened.get(envelope.keyId);
      if (!key) continue;
      const wrapped = await wrapWorkspaceKey(key, next, envelope.keyId, Math.max(envelope.params.iterations, KDF_ITERATIONS));
      rewrapped.push({ ...envelope, salt: wrapped.salt, wrappedKey: wrapped.wrappedKey, params: wrapped.params });
    }
    for (const envelope of rewrapped) await keys.putKey(envelope);
    await deps.db.meta.put({ key: envelopesKey(workspace), value: envelopes.map((envelope) => rewrapped.find((done) => done.keyId === envelope.keyId) ?? envelope) });
    return {};
  });
}

/**
 * Rotates the key (owner), after a member left: a new key wrapped for a new passphrase (the one
 * who left knew the old), the old keys wrapped again for it (still needed to read what is not yet
 * re-encrypted), then the rewrite pass seals every row with the new key and retires the old.
 */
export function rotateKey(deps: Deps, current: string, next: string): Promise<EncryptionResult<{ recoveryKey: string }>> {
  return withKeys(deps, async ({ workspace, keys }) => {
    await ownerOnly(deps.db, 'rotate the key');
    checkPassphrase(next);
    const envelopes = await keys.keys();
    if (modeOf(envelopes) !== 'encrypted') throw new RefusedError('This workspace is not encrypted: there is no key to rotate.');
    const opened = await openAll(envelopes, current);
    // The new key keeps the `since` its predecessor's check holds (plain values before it stay genuine).
    const oldCurrent = currentKey(envelopes)!;
    const since = (await openCheck(opened.get(oldCurrent.keyId)!, oldCurrent, workspace))?.since ?? (await sinceStamp(deps.db, (deps.now ?? Date.now)()));
    const fresh = await freshKey(workspace, next, since);
    const all: KeyEnvelope[] = [fresh.envelope];
    for (const envelope of envelopes) {
      const key = opened.get(envelope.keyId);
      if (!key) {
        all.push(envelope);
        continue;
      }
      const wrapped = await wrapWorkspaceKey(key, next, envelope.keyId, Math.max(envelope.params.iterations, KDF_ITERATIONS));
      all.push({ ...envelope, salt: wrapped.salt, wrappedKey: wrapped.wrappedKey, params: wrapped.params });
    }
    // Kept here first, then the old keys wrapped for the new passphrase, the new key last: a stop
    // in between leaves the old key current and readable with the new passphrase, never a
    // current key nobody holds.
    await keepUnlockedKeys(deps.db, workspace, new Map([[fresh.envelope.keyId, fresh.key], ...(await nonExtractable(opened))]));
    for (const envelope of all.slice(1)) if (opened.has(envelope.keyId)) await keys.putKey(envelope);
    await keys.putKey(fresh.envelope);
    await deps.db.meta.put({ key: envelopesKey(workspace), value: all });
    await deps.db.meta.delete(rotateSuggestedKey(workspace));
    return { recoveryKey: fresh.recoveryKey };
  });
}

/**
 * Turns encryption off (owner): every key is retired, so the server takes plain values again, and
 * the rewrite pass writes every row plain; the keys are deleted once no value needs them.
 */
export function disableEncryption(deps: Deps, passphrase: string): Promise<EncryptionResult<object>> {
  return withKeys(deps, async ({ workspace, keys }) => {
    await ownerOnly(deps.db, 'turn off encryption');
    const envelopes = await keys.keys();
    if (modeOf(envelopes) !== 'encrypted') throw new RefusedError('This workspace is not encrypted.');
    const opened = await openAll(envelopes, passphrase);
    await keepUnlockedKeys(deps.db, workspace, await nonExtractable(opened));
    const at = new Date((deps.now ?? Date.now)()).toISOString();
    const retired: KeyEnvelope[] = [];
    for (const envelope of envelopes) {
      const key = opened.get(envelope.keyId);
      if (envelope.retiredAt || !key) {
        retired.push(envelope);
        continue;
      }
      const proven = { ...envelope, retiredAt: at, retiredProof: await sealRetirement(key, envelope.keyId, workspace, at) };
      await keys.putKey(proven);
      retired.push(proven);
    }
    await deps.db.meta.put({ key: envelopesKey(workspace), value: retired });
    return {};
  });
}

/** Forgets this browser's keys: sync waits until the passphrase is entered again. */
export function lockEncryption(deps: Deps): Promise<EncryptionResult<object>> {
  return withKeys(deps, async ({ workspace }) => {
    await forgetKeys(deps.db, workspace);
    return {};
  });
}

/** Whether this browser holds any key of the workspace (for tests and the status line). */
export async function holdsKeys(db: CrmDatabase, workspace: string): Promise<boolean> {
  return (await unlockedKeys(db, workspace)).size > 0;
}
