/**
 * Column mappings the user confirmed, remembered per header signature (formats' headerSignature)
 * in the `meta` table, so the next file with the same columns needs no mapping step. They are
 * the user's choices, so the full backup carries them.
 */
import { z } from 'zod';
import type { CrmDatabase } from '../db';
import { MAPPABLE_FIELDS, type ColumnMapping } from './types';

export const KEY_PREFIX = 'io:column-mapping:';
export const StoredMapping = z.record(z.string().max(500), z.enum(MAPPABLE_FIELDS));

export async function recallMapping(db: CrmDatabase, signature: string): Promise<ColumnMapping | undefined> {
  const row = await db.meta.get(KEY_PREFIX + signature);
  const parsed = StoredMapping.safeParse(row?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function rememberMapping(db: CrmDatabase, signature: string, mapping: ColumnMapping): Promise<void> {
  await db.meta.put({ key: KEY_PREFIX + signature, value: StoredMapping.parse(mapping) });
}
