/**
 * Key envelopes of encrypted workspaces: stored and handed out as the browsers made them. Newest
 * first; a PUT of an existing key id replaces its envelope (a passphrase change, a retirement).
 */
import { sql } from 'kysely';
import { KeyEnvelope, currentKey } from '../../lib/sync/shared/key-envelope';
import type { Connection } from './connect';
import { inTransaction, lockWorkspace } from './transaction';

/** How many keys one workspace keeps (rotations): the reply's bound. */
export const MAX_KEYS_PER_WORKSPACE = 16;

export async function listKeys(conn: Connection, workspace: string): Promise<KeyEnvelope[]> {
  const rows = await conn.db
    .selectFrom('workspace_keys')
    .select(['envelope'])
    .where('workspace_id', '=', workspace)
    .orderBy('created_at', 'desc')
    .orderBy('key_id', 'desc')
    .limit(MAX_KEYS_PER_WORKSPACE)
    .execute();
  // Stored only after parsing: a row that no longer parses is a bug, not the client's to see.
  return rows.flatMap((row) => {
    const parsed = KeyEnvelope.safeParse(JSON.parse(row.envelope));
    return parsed.success ? [parsed.data] : [];
  });
}

export type PutKeyResult = 'created' | 'updated' | 'full';

export async function putKey(conn: Connection, workspace: string, envelope: KeyEnvelope, now: number): Promise<PutKeyResult> {
  return inTransaction(conn, async (trx) => {
    // One writer per workspace at a time: two browsers adding keys at once cannot pass the bound.
    await lockWorkspace(trx, workspace);
    const existing = await trx.selectFrom('workspace_keys').select(['key_id', 'envelope']).where('workspace_id', '=', workspace).where('key_id', '=', envelope.keyId).executeTakeFirst();
    if (existing) {
      // Retired stays retired: a passphrase change made from an older copy of the envelope must
      // not bring a key back into use (and with it encryption, after it was turned off).
      const before = KeyEnvelope.safeParse(JSON.parse(existing.envelope));
      const retiredAt = before.success ? before.data.retiredAt : undefined;
      const kept = retiredAt !== undefined && envelope.retiredAt === undefined ? { ...envelope, retiredAt } : envelope;
      await trx
        .updateTable('workspace_keys')
        .set({ envelope: JSON.stringify(kept), updated_at: now })
        .where('workspace_id', '=', workspace)
        .where('key_id', '=', envelope.keyId)
        .execute();
      return 'updated';
    }
    const { count } = await trx.selectFrom('workspace_keys').select((eb) => eb.fn.countAll<number>().as('count')).where('workspace_id', '=', workspace).executeTakeFirstOrThrow();
    if (Number(count) >= MAX_KEYS_PER_WORKSPACE) return 'full';
    await trx
      .insertInto('workspace_keys')
      .values({ workspace_id: workspace, key_id: envelope.keyId, envelope: JSON.stringify(envelope), created_at: now, updated_at: now })
      .execute();
    return 'created';
  });
}

/** Whether the workspace is end-to-end encrypted now: it has a key that is not retired. */
export async function isEncrypted(conn: Connection, workspace: string): Promise<boolean> {
  return currentKey(await listKeys(conn, workspace)) !== undefined;
}

/** The key new values must be sealed with, or undefined for a plain workspace. */
export async function currentKeyId(conn: Connection, workspace: string): Promise<string | undefined> {
  return currentKey(await listKeys(conn, workspace))?.keyId;
}

export type DeleteKeyResult = 'deleted' | 'unknown' | 'in-use';

/**
 * Removes a key envelope, unless a stored row still holds a value under it (`e1.<keyId>.`):
 * those values would be unreadable for good. Any row counts, private ones of other members too.
 */
export async function deleteKey(conn: Connection, workspace: string, keyId: string): Promise<DeleteKeyResult> {
  return inTransaction(conn, async (trx) => {
    // Under the workspace's lock: no push or rewrite can store a value under the key meanwhile.
    await lockWorkspace(trx, workspace);
    const existing = await trx.selectFrom('workspace_keys').select('key_id').where('workspace_id', '=', workspace).where('key_id', '=', keyId).executeTakeFirst();
    if (!existing) return 'unknown';
    // A substring search, not LIKE: no wildcard to escape (key ids hold `_`), and case-sensitive
    // in SQLite too, whose LIKE is not. The quote anchors it at the start of a JSON string value.
    const needle = `"e1.${keyId}.`;
    const position = conn.backend === 'sqlite' ? sql<number>`instr(fields, ${needle})` : sql<number>`strpos(fields, ${needle})`;
    const used = await trx.selectFrom('rows').select('id').where('workspace_id', '=', workspace).where(position, '>', 0).limit(1).executeTakeFirst();
    if (used) return 'in-use';
    await trx.deleteFrom('workspace_keys').where('workspace_id', '=', workspace).where('key_id', '=', keyId).execute();
    return 'deleted';
  });
}
