import { afterEach, describe, expect, it } from 'vitest';
import { openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { forgetKeys, keepUnlockedKeys, unlockedKeys } from '@/lib/sync/client/crypto/key-store';
import { encryptField, decryptField } from '@/lib/sync/client/crypto/field-cipher';
import { importRawKey, newWorkspaceKey, rawKeyBytes } from '@/lib/sync/client/crypto/workspace-key';

let db: CrmDatabase | undefined;
afterEach(async () => {
  await db?.delete();
});

const place = { workspace: 'w', table: 'contacts', id: 'c1', field: 'name', hlc: '2026-12-06T10:00:00.000Z-0000-9f2c41d07a11b3e5' };

describe('unlocked keys in IndexedDB', () => {
  it('keeps non-extractable keys that still work after a reopen, refuses extractable ones, and forgets them on lock', async () => {
    db = openCrmDatabase(`key-store-${Math.random()}`);
    const extractable = await newWorkspaceKey();
    const key = await importRawKey(await rawKeyBytes(extractable));
    await expect(keepUnlockedKeys(db, 'w', new Map([['k1', extractable]]))).rejects.toThrow(/non-extractable/);
    await keepUnlockedKeys(db, 'w', new Map([['k1', key]]));
    const sealed = await encryptField(extractable, 'k1', place, 'Ada Lovelace');
    db.close();
    await db.open();
    const kept = await unlockedKeys(db, 'w');
    expect([...kept.keys()]).toEqual(['k1']);
    expect(kept.get('k1')!.extractable).toBe(false);
    expect(await decryptField(kept, place, sealed)).toBe('Ada Lovelace');
    // A rotation's key joins the one already kept.
    await keepUnlockedKeys(db, 'w', new Map([['k2', await importRawKey(await rawKeyBytes(await newWorkspaceKey()))]]));
    expect([...(await unlockedKeys(db, 'w')).keys()].sort()).toEqual(['k1', 'k2']);
    expect((await unlockedKeys(db, 'other')).size).toBe(0);
    await forgetKeys(db, 'w');
    expect((await unlockedKeys(db, 'w')).size).toBe(0);
  });
});
