import { describe, expect, it } from 'vitest';
import { decodeRecoveryKey, encodeRecoveryKey, RecoveryKeyError } from '../../../../lib/sync/client/crypto/recovery-key';
import { decryptField, encryptField } from '../../../../lib/sync/client/crypto/field-cipher';
import {
  importRawKey,
  newKeyId,
  newWorkspaceKey,
  rawKeyBytes,
  unwrapWorkspaceKey,
  WrongPassphraseError,
  wrapWorkspaceKey,
} from '../../../../lib/sync/client/crypto/workspace-key';
import { KeyEnvelope, KeysReply, currentKey, MIN_KDF_ITERATIONS } from '../../../../lib/sync/shared/key-envelope';

const place = { workspace: 'acme', table: 'contacts', id: 'c1', field: 'name', hlc: '0001733000000000-0000-browser-1' };

describe('workspace key: wrapped by the passphrase, unwrapped non-extractable', () => {
  it('unwraps with the right passphrase into a key that decrypts and cannot be exported; a wrong one says so', async () => {
    const key = await newWorkspaceKey();
    const keyId = newKeyId();
    const envelope = await wrapWorkspaceKey(key, 'correct horse battery staple', keyId);
    expect(envelope).toMatchObject({ kdf: 'PBKDF2-SHA-256', params: { iterations: MIN_KDF_ITERATIONS }, keyId });
    expect(JSON.stringify(envelope)).not.toContain('correct horse');

    const started = performance.now();
    const unlocked = await unwrapWorkspaceKey(envelope, 'correct horse battery staple');
    const unlockMs = performance.now() - started;
    expect(unlockMs).toBeGreaterThan(0); // the KDF's cost, reported by the bench
    expect(unlocked.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', unlocked)).rejects.toThrow();
    const stored = await encryptField(key, keyId, place, 'Ada Lovelace');
    expect(await decryptField(new Map([[keyId, unlocked]]), place, stored)).toBe('Ada Lovelace');

    await expect(unwrapWorkspaceKey(envelope, 'correct horse battery stapler')).rejects.toThrow(WrongPassphraseError);
    await expect(unwrapWorkspaceKey(envelope, '')).rejects.toThrow(/does not unlock/);
  });

  it('a passphrase change re-wraps the same key under a new salt: old data still decrypts, the old passphrase no longer unlocks the new envelope', async () => {
    const key = await newWorkspaceKey();
    const keyId = newKeyId();
    const first = await wrapWorkspaceKey(key, 'first passphrase here', keyId);
    const extractable = await unwrapWorkspaceKey(first, 'first passphrase here', true);
    const second = await wrapWorkspaceKey(extractable, 'second passphrase here', keyId);
    expect(second.salt).not.toBe(first.salt);
    expect(second.wrappedKey).not.toBe(first.wrappedKey);
    const stored = await encryptField(key, keyId, place, 'Grace');
    expect(await decryptField(new Map([[keyId, await unwrapWorkspaceKey(second, 'second passphrase here')]]), place, stored)).toBe('Grace');
    await expect(unwrapWorkspaceKey(second, 'first passphrase here')).rejects.toThrow(WrongPassphraseError);
  });

  it('refuses envelopes below 600,000 iterations, of the wrong sizes, or with a foreign KDF', () => {
    const good = { kdf: 'PBKDF2-SHA-256', params: { iterations: 600_000 }, salt: 'A'.repeat(22) + '==', wrappedKey: 'A'.repeat(54) + '==', keyId: 'k1' };
    expect(KeyEnvelope.safeParse(good).success).toBe(true);
    expect(KeyEnvelope.safeParse({ ...good, params: { iterations: 100_000 } }).success).toBe(false);
    expect(KeyEnvelope.safeParse({ ...good, params: { iterations: 1e9 } }).success).toBe(false);
    expect(KeyEnvelope.safeParse({ ...good, salt: 'AAAA' }).success).toBe(false);
    expect(KeyEnvelope.safeParse({ ...good, wrappedKey: 'A'.repeat(40) }).success).toBe(false);
    expect(KeyEnvelope.safeParse({ ...good, kdf: 'MD5' }).success).toBe(false);
    expect(KeyEnvelope.safeParse({ ...good, keyId: 'a.b' }).success).toBe(false);
    const retired = { ...good, keyId: 'old', retiredAt: '2026-12-01T00:00:00.000Z' };
    expect(currentKey(KeysReply.parse({ keys: [retired, good] }).keys)?.keyId).toBe('k1');
    expect(currentKey([])).toBeUndefined();
  });
});

describe('recovery key', () => {
  it('writes the 32 bytes as 14 groups and reads them back, forgiving case, spacing and look-alike letters', async () => {
    const key = await newWorkspaceKey();
    const raw = await rawKeyBytes(key);
    const text = await encodeRecoveryKey(raw);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(await decodeRecoveryKey(text)).toEqual(raw);
    const typed = text.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(await decodeRecoveryKey(typed)).toEqual(raw);
    // The recovered key decrypts what the original encrypted.
    const stored = await encryptField(key, 'k1', place, 'Ada');
    expect(await decryptField(new Map([['k1', await importRawKey(await decodeRecoveryKey(text))]]), place, stored)).toBe('Ada');
  });

  it('catches a typo in any group, a wrong length and foreign characters', async () => {
    const raw = await rawKeyBytes(await newWorkspaceKey());
    const text = await encodeRecoveryKey(raw);
    for (let position = 0; position < 52; position += 7) {
      const index = position + Math.floor(position / 4); // skip the dashes
      const char = text[index]!;
      const typo = text.slice(0, index) + (char === 'A' ? 'B' : 'A') + text.slice(index + 1);
      await expect(decodeRecoveryKey(typo)).rejects.toThrow(RecoveryKeyError);
    }
    await expect(decodeRecoveryKey(text.slice(0, -1))).rejects.toThrow(/56 characters/);
    await expect(decodeRecoveryKey(text.replace(/^./, '*'))).rejects.toThrow(/not in a recovery key/);
  });
});
