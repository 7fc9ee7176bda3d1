import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, FieldDecryptError, isCiphertext, keyIdOf, type FieldPlace } from '../../../../lib/sync/client/crypto/field-cipher';
import { fromBase64 } from '../../../../lib/sync/client/crypto/bytes';
import { importRawKey, newKeyId, newWorkspaceKey } from '../../../../lib/sync/client/crypto/workspace-key';

const place: FieldPlace = { workspace: 'acme', table: 'contacts', id: 'c1', field: 'title', hlc: '0001733000000000-0000-browser-1' };

async function keyring() {
  const key = await newWorkspaceKey();
  const keyId = newKeyId();
  return { key, keyId, keys: new Map([[keyId, key]]) };
}

describe('field cipher (AES-256-GCM, bound to its place)', () => {
  it('round-trips any JSON value and hides it', async () => {
    const { key, keyId, keys } = await keyring();
    for (const value of ['Head of Data', 42, ['a', 'b'], { url: 'https://x.example' }, null, '']) {
      const stored = await encryptField(key, keyId, place, value);
      expect(isCiphertext(stored)).toBe(true);
      expect(keyIdOf(stored)).toBe(keyId);
      expect(stored).not.toContain('Head');
      expect(await decryptField(keys, place, stored)).toEqual(value);
    }
  });

  it('fails for the same ciphertext moved to another workspace, table, row, field or stamp', async () => {
    const { key, keyId, keys } = await keyring();
    const stored = await encryptField(key, keyId, place, 'Head of Data');
    for (const moved of [
      { ...place, workspace: 'other' },
      { ...place, table: 'deals' },
      { ...place, id: 'c2' },
      { ...place, field: 'company' },
      { ...place, hlc: '0001733000000001-0000-browser-1' },
    ]) {
      await expect(decryptField(keys, moved, stored)).rejects.toThrow(FieldDecryptError);
    }
    expect(await decryptField(keys, place, stored)).toBe('Head of Data');
  });

  it('fails for a flipped byte, a relabelled key id, an unknown key, a plain value and garbage', async () => {
    const { key, keyId, keys } = await keyring();
    const stored = await encryptField(key, keyId, place, 'Head of Data');
    const body = stored.split('.')[2]!;
    const bytes = fromBase64(body);
    bytes[bytes.length - 1]! ^= 1;
    const flipped = `e1.${keyId}.${Buffer.from(bytes).toString('base64')}`;
    await expect(decryptField(keys, place, flipped)).rejects.toThrow(/integrity/);
    // The same bytes under another key id the browser also holds: the AAD names the key id.
    const other = newKeyId();
    const twoKeys = new Map([...keys, [other, key]]);
    await expect(decryptField(twoKeys, place, `e1.${other}.${body}`)).rejects.toThrow(/integrity/);
    await expect(decryptField(new Map(), place, stored)).rejects.toThrow(/does not have/);
    await expect(decryptField(keys, place, 'Head of Data')).rejects.toThrow(/unencrypted/);
    await expect(decryptField(keys, place, `e1.${keyId}.!!!`)).rejects.toThrow(FieldDecryptError);
    // Shorter than an IV and a tag: not taken for a ciphertext at all (the server's check is the same).
    await expect(decryptField(keys, place, `e1.${keyId}.AAAA`)).rejects.toThrow(/unencrypted/);
    await expect(decryptField(keys, place, `e1.${keyId}.${'A'.repeat(40)}`)).rejects.toThrow(/integrity/);
  });

  it('a ciphertext made with another key with the same id does not decrypt', async () => {
    const a = await keyring();
    const b = await newWorkspaceKey();
    const stored = await encryptField(b, a.keyId, place, 'x');
    await expect(decryptField(a.keys, place, stored)).rejects.toThrow(/integrity/);
  });

  it('draws a fresh IV for each of 1,000,000 encryptions: none repeats', async () => {
    const { key, keyId } = await keyring();
    const seen = new Set<string>();
    const total = 1_000_000;
    const batch = 10_000;
    for (let start = 0; start < total; start += batch) {
      const stored = await Promise.all(Array.from({ length: batch }, () => encryptField(key, keyId, place, 1)));
      // The first 16 base64 characters are exactly the 12 IV bytes.
      for (const value of stored) seen.add(value.split('.')[2]!.slice(0, 16));
      expect(seen.size).toBe(start + batch);
    }
    expect(seen.size).toBe(total);
  }, 300_000);

  it('opens values sealed before the scratch-buffer encoding, and seals places with any characters', async () => {
    // Known answers, sealed by the version that encoded with TextEncoder and JSON.stringify per
    // call (commit db0f341): servers hold values in this format, so its bytes may never change.
    const key = await importRawKey(new Uint8Array(32).map((_, index) => index * 7 + 3));
    const keys = new Map([['kat1', key]]);
    const plainPlace: FieldPlace = { workspace: '01JWORKSPACE', table: 'contacts', id: 'c1', field: 'name', hlc: '0001733000000000-0000-browser-1' };
    const oddPlace: FieldPlace = { workspace: 'Café "ünïcode" \\ ws', table: 'interactions', id: 'id\twith\u0001control', field: 'body', hlc: '0001733000000000-0001-browser-1' };
    expect(await decryptField(keys, plainPlace, 'e1.kat1.SKa8PoYIP6JJSzCc7kEYlE6cM1VAYZkBuUazaPZ/xjy36hCIvGgb7KVZ')).toBe('Ada Lovelace');
    const odd = 'e1.kat1.CpS8lcxCQ2vCkTPa4klZhEEGRBkCCw1qh/W6go3jGf8a49To+3fa9KUJw4MCPie5Tpkg9ogSEwOJIZPzF0122o65zMunqc/g890QN8PUxzAYs1ycLGDAwOXtQgjV';
    const oddValue = { note: 'Grüße aus Köln — 東京 ✓', list: [1, 'two', null] };
    expect(await decryptField(keys, oddPlace, odd)).toEqual(oddValue);
    await expect(decryptField(keys, { ...oddPlace, id: 'id\twith\u0002control' }, odd)).rejects.toThrow(FieldDecryptError);
    // Many at once, long and short, ASCII or not, as a sync page opens them: no call's bytes leak into another's.
    const values = Array.from({ length: 2_000 }, (_, index) => (index % 4 === 0 ? 'ü'.repeat(index) : index % 4 === 1 ? { n: index, s: 'x'.repeat(index * 3) } : `v${index}`));
    const places = values.map((_, index) => ({ ...(index % 2 ? oddPlace : plainPlace), id: `row ${index} ${index % 3 ? 'ä' : ''}` }));
    const sealed = await Promise.all(values.map((value, index) => encryptField(key, 'kat1', places[index]!, value)));
    expect(await Promise.all(sealed.map((stored, index) => decryptField(keys, places[index]!, stored)))).toEqual(values);
  });
});
