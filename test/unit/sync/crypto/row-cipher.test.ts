import { describe, expect, it } from 'vitest';
import { openRow, sealChange, type RowCipher } from '@/lib/sync/client/crypto/row-cipher';
import { importRawKey, newKeyId, newWorkspaceKey, rawKeyBytes } from '@/lib/sync/client/crypto/workspace-key';
import { looksEncrypted } from '@/lib/sync/shared/encryption';
import type { PushChange } from '@/lib/sync/shared/protocol';

const early = '2026-12-01T10:00:00.000Z-0000-9f2c41d07a11b3e5';
const since = '2026-12-05T10:00:00.000Z-0000-9f2c41d07a11b3e5';
const late = '2026-12-06T10:00:00.000Z-0000-9f2c41d07a11b3e5';

async function cipher(): Promise<RowCipher> {
  const keyId = newKeyId();
  const key = await importRawKey(await rawKeyBytes(await newWorkspaceKey()));
  return { workspace: 'ws1', current: { keyId, key }, keys: new Map([[keyId, key]]), plainBefore: since };
}

describe('row cipher: a change sealed field by field, a pulled row opened', () => {
  it('seals every value but the clear fields (null included), keeps names, ids and stamps, and opens it back', async () => {
    const c = await cipher();
    const change: PushChange = {
      mutationId: 'm1',
      table: 'interactions',
      id: 'i1',
      fields: { body: { value: 'Met at the fair', hlc: late }, subject: { value: null, hlc: late }, visibility: { value: 'private', hlc: late }, authorId: { value: 'u1', hlc: late } },
    };
    const sealed = await sealChange(c, change);
    expect(Object.keys(sealed.fields).sort()).toEqual(['authorId', 'body', 'subject', 'visibility']);
    expect(looksEncrypted(sealed.fields.body!.value)).toBe(true);
    expect(looksEncrypted(sealed.fields.subject!.value)).toBe(true);
    expect(sealed.fields.visibility).toEqual({ value: 'private', hlc: late });
    expect(sealed.fields.authorId).toEqual({ value: 'u1', hlc: late });
    expect(sealed.fields.body!.hlc).toBe(late);
    expect(JSON.stringify(sealed)).not.toContain('fair');
    const opened = await openRow(c, { table: 'interactions', id: 'i1', fields: sealed.fields });
    expect(opened.fields).toEqual(change.fields);
    // A tombstone carries no values: it passes as it is.
    const tombstone: PushChange = { mutationId: 'm2', table: 'contacts', id: 'c1', fields: {}, deleted: late };
    expect(await sealChange(c, tombstone)).toEqual(tombstone);
  });

  it('refuses a value moved to another field or row, a plain value stamped after encryption began, and takes older plain ones', async () => {
    const c = await cipher();
    const sealed = await sealChange(c, { mutationId: 'm', table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc: late }, notes: { value: 'VIP', hlc: late } } });
    await expect(openRow(c, { table: 'contacts', id: 'c1', fields: { name: sealed.fields.notes! } })).rejects.toThrow(/integrity/);
    await expect(openRow(c, { table: 'contacts', id: 'c2', fields: { name: sealed.fields.name! } })).rejects.toThrow(/integrity/);
    await expect(openRow(c, { table: 'contacts', id: 'c1', fields: { name: { value: sealed.fields.name!.value, hlc: early } } })).rejects.toThrow(/integrity/);
    await expect(openRow(c, { table: 'contacts', id: 'c1', fields: { name: { value: 'Injected', hlc: late } } })).rejects.toThrow(/unencrypted/);
    expect((await openRow(c, { table: 'contacts', id: 'c1', fields: { name: { value: 'Written before', hlc: early } } })).fields.name!.value).toBe('Written before');
    // Decrypting (no current key): plain values are the target, old ciphertexts still open.
    const off: RowCipher = { workspace: c.workspace, keys: c.keys };
    expect((await openRow(off, { table: 'contacts', id: 'c1', fields: { name: { value: 'Plain again', hlc: late } } })).fields.name!.value).toBe('Plain again');
    expect((await openRow(off, { table: 'contacts', id: 'c1', fields: sealed.fields })).fields.notes!.value).toBe('VIP');
  });
});
