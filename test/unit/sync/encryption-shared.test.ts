import { describe, expect, it } from 'vitest';
import { changeProblem, encodingProblem, looksEncrypted, RewriteRequest } from '../../../lib/sync/shared/encryption';
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

  it('refuses plain values in an encrypted workspace but for the clear fields, and ciphertexts in a plain one', async () => {
    const sealed = await encryptField(await newWorkspaceKey(), newKeyId(), { workspace: 'w', table: 'interactions', id: 'i1', field: 'body', hlc }, 'hello');
    expect(encodingProblem(true, 'interactions', { body: { value: sealed }, visibility: { value: 'private' }, authorId: { value: 'u1' } })).toBeUndefined();
    expect(encodingProblem(true, 'interactions', { body: { value: 'hello' } })).toMatch(/interactions\.body arrived unencrypted/);
    expect(encodingProblem(true, 'contacts', { visibility: { value: 'private' } })).toMatch(/unencrypted/);
    expect(encodingProblem(false, 'contacts', { name: { value: sealed } })).toMatch(/arrived encrypted/);
    expect(encodingProblem(false, 'contacts', { name: { value: 'Ada' } })).toBeUndefined();
  });

  it('still checks field names and clear fields of an encrypted change, and the model of a plain one', async () => {
    const sealed = await encryptField(await newWorkspaceKey(), newKeyId(), { workspace: 'w', table: 'contacts', id: 'c1', field: 'tags', hlc }, ['a']);
    expect(changeProblem(true, 'contacts', { tags: { value: sealed, hlc } })).toBeUndefined();
    expect(changeProblem(true, 'contacts', { nonsense: { value: sealed, hlc } })).toMatch(/no synced field "nonsense"/);
    expect(changeProblem(true, 'interactions', { visibility: { value: 'everyone', hlc } })).toMatch(/interactions\.visibility/);
    expect(changeProblem(false, 'contacts', { tags: { value: 'not a list', hlc } })).toMatch(/contacts\.tags/);
  });

  it('parses a rewrite and refuses an empty one', () => {
    expect(RewriteRequest.safeParse({ changes: [{ table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc } } }] }).success).toBe(true);
    expect(RewriteRequest.safeParse({ changes: [] }).success).toBe(false);
    expect(RewriteRequest.safeParse({ changes: [{ table: 'contacts', id: 'c1', fields: {} }] }).success).toBe(false);
  });
});
