/**
 * This browser's unlocked workspace keys: non-extractable CryptoKeys in the extension's
 * IndexedDB (the meta table, a `sync:` row: never backed up, exported or synced, and out of reach
 * of content scripts, which run in the page's origin). IndexedDB stores a CryptoKey as the
 * browser's own object: no script, this one included, can read its bytes back.
 */
import type { CrmDatabase } from '../../../db/database';

export const keysKey = (workspace: string) => `sync:keys:${workspace}`;

interface StoredKeys {
  keys: Array<{ keyId: string; key: CryptoKey }>;
}

export async function unlockedKeys(db: CrmDatabase, workspace: string): Promise<Map<string, CryptoKey>> {
  const stored = (await db.meta.get(keysKey(workspace)))?.value as StoredKeys | undefined;
  return new Map((stored?.keys ?? []).filter((entry) => entry.key instanceof CryptoKey).map((entry) => [entry.keyId, entry.key]));
}

/** Adds (or replaces) keys: a rotation's new key joins the ones already unlocked. */
export async function keepUnlockedKeys(db: CrmDatabase, workspace: string, keys: ReadonlyMap<string, CryptoKey>): Promise<void> {
  for (const key of keys.values()) if (key.extractable) throw new Error('only non-extractable keys are kept');
  await db.transaction('rw', db.meta, async () => {
    const merged = new Map([...(await unlockedKeys(db, workspace)), ...keys]);
    await db.meta.put({ key: keysKey(workspace), value: { keys: [...merged].map(([keyId, key]) => ({ keyId, key })) } satisfies StoredKeys });
  });
}

/** Lock: this browser forgets the keys (the server's envelopes stay; the passphrase unlocks again). */
export async function forgetKeys(db: CrmDatabase, workspace: string): Promise<void> {
  await db.meta.delete(keysKey(workspace));
}
