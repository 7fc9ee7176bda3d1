/**
 * What the server and the browsers of an end-to-end encrypted workspace agree on (issue 19):
 * how a ciphertext looks (so the server can insist on one without reading it), which fields stay
 * in the clear because the server itself reads or writes them, and the rewrite request that
 * re-encodes stored values in place (turning encryption on or off, rotating the key).
 *
 * A workspace is encrypted while it has a current key (lib/sync/shared/key-envelope.ts): then the
 * server takes only ciphertexts for every field but the clear ones, and checks nothing else of
 * them. Without one (never turned on, or turned off) it takes only plain values, as before.
 */
import { z } from 'zod';
import { ciphertextKeyId, looksEncrypted, MAX_CIPHERTEXT_CHARS } from './ciphertext';
import { HlcStamp } from './hlc';
import { KeyId } from './key-envelope';
import { FieldName, RowId, SYNC_LIMITS, SYNCED_FIELDS, SyncTable, isWellFormedJson, modelProblem, type FieldWrite, type JsonValue } from './protocol';
import { SYNCED_TABLES, type SyncTable as SyncTableName } from './tables';

export { ciphertextKeyId, looksEncrypted } from './ciphertext';

/** Fields of `table` the server reads (who may see a row) or writes (who made it): never encrypted. */
export function clearFields(table: SyncTableName): readonly string[] {
  return SYNCED_TABLES[table].clearFields;
}

export function isClearField(table: SyncTableName, field: string): boolean {
  return (SYNCED_TABLES[table].clearFields as readonly string[]).includes(field);
}

/** The start of every refusal for a value in the wrong encoding: a browser retries these after reading the keys again. */
export const ENCODING_REFUSAL = /^this workspace (is end-to-end encrypted|is not encrypted|has a new key):/;

/**
 * Why the server refuses a change's values in a workspace whose current key is `currentKey`
 * (undefined: plain), or undefined. Encrypted: every field but the clear ones is a ciphertext
 * under the current key (a value sealed with a retired key could outlive it and become unreadable
 * for good). Plain: no value is one (a browser that has not yet seen encryption turned off must
 * not leave values nobody can read).
 */
export function encodingProblem(currentKey: string | undefined, table: SyncTableName, fields: Readonly<Record<string, { value: unknown }>>): string | undefined {
  for (const [name, write] of Object.entries(fields)) {
    if (isClearField(table, name)) continue;
    const keyId = ciphertextKeyId(write.value);
    if (currentKey !== undefined && keyId === undefined) return `this workspace is end-to-end encrypted: ${table}.${name} arrived unencrypted (unlock the workspace in Options → Sync, then retry)`;
    if (currentKey !== undefined && keyId !== currentKey) return `this workspace has a new key: ${table}.${name} arrived sealed with an old one (unlock with the new passphrase, then retry)`;
    if (currentKey === undefined && keyId !== undefined) return `this workspace is not encrypted: ${table}.${name} arrived encrypted (sync again to learn that encryption was turned off)`;
  }
  return undefined;
}

/** A stored or sent value's encoding: the key id it is sealed with, or `plain`. */
export function encodingOf(value: unknown): string {
  return ciphertextKeyId(value) ?? 'plain';
}

/**
 * Why the server refuses a change's fields, or undefined: the encoding for the workspace's mode,
 * then the data model. An encrypted value cannot be checked against the model (the server cannot
 * read it; the sending browser checked it before sealing), but field names and clear fields are.
 */
export function changeProblem(currentKey: string | undefined, table: SyncTableName, fields: Readonly<Record<string, FieldWrite>>): string | undefined {
  const encoding = encodingProblem(currentKey, table, fields);
  if (encoding !== undefined || currentKey === undefined) return encoding ?? modelProblem(table, fields);
  const unknown = Object.keys(fields).find((name) => !SYNCED_FIELDS[table].includes(name));
  if (unknown !== undefined) return `${table} has no synced field "${unknown}"`;
  return modelProblem(table, Object.fromEntries(Object.entries(fields).filter(([name]) => isClearField(table, name))));
}

const RewriteValue = z
  .custom<JsonValue>((value) => value !== undefined, 'value is required')
  .refine((value) => JSON.stringify(value).length <= (looksEncrypted(value) ? MAX_CIPHERTEXT_CHARS : SYNC_LIMITS.valueChars), `value longer than ${SYNC_LIMITS.valueChars} characters as JSON`)
  .refine(isWellFormedJson, 'value is not well-formed Unicode (a lone surrogate)');

/** One row's re-encoded fields, each with the stamp it is stored under: stamps never change. */
export const RewriteChange = z.object({
  table: SyncTable,
  id: RowId,
  fields: z
    .record(FieldName, z.object({ value: RewriteValue, hlc: HlcStamp }))
    .refine((fields) => Object.keys(fields).length >= 1 && Object.keys(fields).length <= SYNC_LIMITS.fieldsPerChange, `1-${SYNC_LIMITS.fieldsPerChange} fields`),
});
export type RewriteChange = z.infer<typeof RewriteChange>;

/**
 * `POST /v1/w/:ws/rewrite` (owners and editors): replaces stored values in place, a field only
 * while it is still stored under the stamp sent (a newer write wins, as always). Nothing else
 * moves: no cursor, no stamp, no audit entry, since the values mean what they meant. The server
 * checks the encoding for its current mode (encodingProblem) and which rows the caller may see.
 */
export const RewriteRequest = z
  .object({ changes: z.array(RewriteChange).min(1).max(SYNC_LIMITS.changesPerPush) })
  .refine((request) => request.changes.reduce((sum, change) => sum + JSON.stringify(change.fields).length, 0) <= SYNC_LIMITS.bodyBytes, 'rewrite larger than a push');
export type RewriteRequest = z.infer<typeof RewriteRequest>;

/** `rewritten`: fields replaced; `skipped`: fields whose stamp had moved on, rows gone or not the caller's to see. */
export const RewriteReply = z.object({ rewritten: z.number().int().nonnegative(), skipped: z.number().int().nonnegative() });
export type RewriteReply = z.infer<typeof RewriteReply>;

/**
 * `GET /v1/w/:ws/encryption` (any member): the mode, the key new writes use, and how the stored
 * values the caller may see are encoded (clear fields and deleted rows left out): plain ones and
 * ciphertexts per key id. A browser shows a conversion's progress with it, and learns when no value
 * needs an old key any more (then `DELETE /v1/w/:ws/keys/:keyId` may remove that key).
 */
export const EncryptionStatusReply = z.object({
  encrypted: z.boolean(),
  currentKey: KeyId.nullable(),
  values: z.object({ plain: z.number().int().nonnegative(), byKey: z.record(KeyId, z.number().int().nonnegative()) }),
});
export type EncryptionStatusReply = z.infer<typeof EncryptionStatusReply>;

