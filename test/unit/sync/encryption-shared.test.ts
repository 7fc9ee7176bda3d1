import { describe, expect, it } from 'vitest';
import { changeProblem, ENCODING_REFUSAL, encodingProblem, looksEncrypted, RewriteRequest } from '../../../lib/sync/shared/encryption';
import { CIPHERTEXT_PATTERN } from '../../../lib/sync/shared/ciphertext';
import { encryptField } from '../../../lib/sync/client/crypto/field-cipher';
import { newKeyId, newWorkspaceKey } from '../../../lib/sync/client/crypto/workspace-key';

const hlc = '2026-12-06T10:00:00.000Z-0000-9f2c41d07a11b3e5';

describe('what server and browsers agree on for encrypted workspaces', () => {
  it('takes every real ciphertext for one, and no value a person would type', async () => {
    const key = await newWorkspaceKey();
    const keyId = newKeyId();
    for (const value of [null, '', 'Ada', ['a', 'b'], { deep: [1, 2] }, 'x'.repeat(5000)]) {
      expect(looksEncrypted(await encryptField(key, keyId, { workspace: 'w', table: 'contacts', id: 'c1', field: 'name', hlc }, value))).toBe(true);
    }
    for (const value of ['e1.', 'e1.abc.', 'e1.abc.AAAA', 'e1 is a note', `e1.k.${'A'.repeat(39)}`, 'e1.k!.' + 'A'.repeat(44), 42, null, ['e1.k.' + 'A'.repeat(44)]]) {
      expect(looksEncrypted(value), String(value)).toBe(false);
    }
  });

  it('answers exactly as the ciphertext pattern does, on near-misses of every part', () => {
    // Strings built from the parts a ciphertext has, each part sometimes a little wrong: the
    // character-code check must agree with the pattern it replaced on every one of them.
    let seed = 7;
    // xorshift32: repeatable, and its low bits vary (a float LCG's lose precision and repeat).
    const random = (below: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % below;
    };
    const pick = (chars: string, length: number) => Array.from({ length }, () => chars[random(chars.length)]).join('');
    const alphabet = 'ABCxyz019+/';
    const keyChars = 'aZ9_-';
    const odd = '.=é -!\n';
    let agreed = 0;
    let taken = 0;
    for (let round = 0; round < 20_000; round += 1) {
      const prefix = ['e1.', 'e1.', 'e1.', 'e2.', 'E1.', 'e1', ''][random(7)]!;
      const keyId = pick(random(10) === 0 ? keyChars + odd : keyChars, [0, 1, 5, 32, 33][random(5)]!);
      const dot = random(12) === 0 ? '' : '.';
      const body = pick(random(10) === 0 ? alphabet + odd : alphabet, [36, 40, 41, 42, 43, 44, 48, 80][random(8)]!);
      const padding = ['', '', '=', '==', '===', '=A'][random(6)]!;
      const value = prefix + keyId + dot + body.slice(0, body.length - padding.length) + padding;
      const expected = CIPHERTEXT_PATTERN.test(value);
      expect(looksEncrypted(value), value).toBe(expected);
      agreed += 1;
      if (expected) taken += 1;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(taken).toBeGreaterThan(1_000);
    expect(agreed - taken).toBeGreaterThan(2_000);
    expect(looksEncrypted(`e1.k.${'A'.repeat(800_100)}`)).toBe(false);
  });

  it('refuses plain values in an encrypted workspace but for the clear fields, values under another key, and ciphertexts in a plain one', async () => {
    const keyId = newKeyId();
    const sealed = await encryptField(await newWorkspaceKey(), keyId, { workspace: 'w', table: 'interactions', id: 'i1', field: 'body', hlc }, 'hello');
    expect(encodingProblem(keyId, 'interactions', { body: { value: sealed }, visibility: { value: 'private' }, authorId: { value: 'u1' } })).toBeUndefined();
    expect(encodingProblem(keyId, 'interactions', { body: { value: 'hello' } })).toMatch(/interactions\.body arrived unencrypted/);
    expect(encodingProblem(keyId, 'contacts', { visibility: { value: 'private' } })).toMatch(/unencrypted/);
    // Sealed with a key that is no longer the current one: refused (it could outlive its key).
    expect(encodingProblem('aNewerKey', 'interactions', { body: { value: sealed } })).toMatch(/has a new key/);
    expect(encodingProblem(undefined, 'contacts', { name: { value: sealed } })).toMatch(/arrived encrypted/);
    expect(encodingProblem(undefined, 'contacts', { name: { value: 'Ada' } })).toBeUndefined();
    for (const refusal of [encodingProblem(keyId, 'contacts', { name: { value: 'x' } }), encodingProblem('other', 'contacts', { name: { value: sealed } }), encodingProblem(undefined, 'contacts', { name: { value: sealed } })]) {
      expect(refusal).toMatch(ENCODING_REFUSAL);
    }
  });

  it('still checks field names and clear fields of an encrypted change, and the model of a plain one', async () => {
    const keyId = newKeyId();
    const sealed = await encryptField(await newWorkspaceKey(), keyId, { workspace: 'w', table: 'contacts', id: 'c1', field: 'tags', hlc }, ['a']);
    expect(changeProblem(keyId, 'contacts', { tags: { value: sealed, hlc } })).toBeUndefined();
    expect(changeProblem(keyId, 'contacts', { nonsense: { value: sealed, hlc } })).toMatch(/no synced field "nonsense"/);
    expect(changeProblem(keyId, 'interactions', { visibility: { value: 'everyone', hlc } })).toMatch(/interactions\.visibility/);
    expect(changeProblem(undefined, 'contacts', { tags: { value: 'not a list', hlc } })).toMatch(/contacts\.tags/);
  });

  it('parses a rewrite and refuses an empty one', () => {
    expect(RewriteRequest.safeParse({ changes: [{ table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc } } }] }).success).toBe(true);
    expect(RewriteRequest.safeParse({ changes: [] }).success).toBe(false);
    expect(RewriteRequest.safeParse({ changes: [{ table: 'contacts', id: 'c1', fields: {} }] }).success).toBe(false);
  });
});
