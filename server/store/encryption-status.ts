/**
 * How the stored values of a workspace are encoded (`GET /v1/w/:ws/encryption`): a browser shows
 * a conversion's progress with it and learns when an old key holds nothing any more.
 */
import { ciphertextKeyId, isClearField, type EncryptionStatusReply } from '../../lib/sync/shared/encryption';
import { currentKey } from '../../lib/sync/shared/key-envelope';
import type { SyncTable } from '../../lib/sync/shared/protocol';
import type { Connection } from './connect';
import { listKeys } from './keys';

/** Rows read per page: the whole workspace is counted, but never held in memory at once. */
const PAGE = 2000;

/** Counts the values of rows `member` may see, clear fields and tombstones left out. */
export async function encryptionStatus(conn: Connection, workspace: string, member: string): Promise<EncryptionStatusReply> {
  const key = currentKey(await listKeys(conn, workspace));
  const byKey: Record<string, number> = {};
  let plain = 0;
  for (let after = -1; ; ) {
    const page = await conn.db
      .selectFrom('rows')
      .select(['tbl', 'fields', 'cursor'])
      .where('workspace_id', '=', workspace)
      .where('cursor', '>', after)
      .where('deleted', 'is', null)
      .where((eb) => eb.or([eb('private_to', 'is', null), eb('private_to', '=', member)]))
      .orderBy('cursor')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      const fields = JSON.parse(row.fields) as Record<string, { value: unknown }>;
      for (const [name, { value }] of Object.entries(fields)) {
        if (isClearField(row.tbl as SyncTable, name)) continue;
        const keyId = ciphertextKeyId(value);
        if (keyId === undefined) plain++;
        else byKey[keyId] = (byKey[keyId] ?? 0) + 1;
      }
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.cursor;
  }
  return { encrypted: key !== undefined, currentKey: key?.keyId ?? null, values: { plain, byKey } };
}
