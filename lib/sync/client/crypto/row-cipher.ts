/**
 * Seals a push's changes and opens pulled rows, field by field (./field-cipher.ts), for one
 * encrypted workspace. Table names, row ids, field names, stamps and tombstones pass in the clear,
 * as do the clear fields the server itself reads (lib/sync/shared/encryption.ts); every other
 * value, null included, travels as a ciphertext bound to its place.
 */
import { isClearField } from '../../shared/encryption';
import type { PulledRow, PushChange } from '../../shared/protocol';
import { decryptField, encryptField, FieldDecryptError, isCiphertext } from './field-cipher';
import type { SealedMemory } from './sealed-memory';

export interface RowCipher {
  workspace: string;
  /** The key new values are sealed with; none while encryption is off (or being turned off). */
  current?: { keyId: string; key: CryptoKey };
  /** Every key this browser holds, by id: ciphertexts under any of them open. */
  keys: ReadonlyMap<string, CryptoKey>;
  /**
   * A plain value is taken only when no key is current (a plain or decrypting workspace) or when
   * it is stamped before encryption began (not rewritten yet); any other plain value is refused.
   */
  plainBefore?: string;
}

type Fields = PushChange['fields'];

/**
 * Runs `work` on every entry at once: WebCrypto's calls are asynchronous and run in parallel.
 * `work` returns a value or a promise of one (no async wrapper: a sync page opens a million).
 */
async function mapFields(table: string, fields: Fields, work: (name: string, write: Fields[string]) => unknown): Promise<Fields> {
  const names = Object.keys(fields);
  const values = await Promise.all(names.map((name) => (isClearField(table as PushChange['table'], name) ? fields[name]!.value : work(name, fields[name]!))));
  const out: Fields = {};
  names.forEach((name, index) => {
    out[name] = { value: values[index] as Fields[string]['value'], hlc: fields[name]!.hlc };
  });
  return out;
}

/** The change with every value sealed; with `memory`, each is remembered for this run's pull (./sealed-memory.ts). */
export async function sealChange(cipher: RowCipher, change: PushChange, memory?: SealedMemory): Promise<PushChange> {
  const current = cipher.current;
  if (!current || Object.keys(change.fields).length === 0) return change;
  const fields = await mapFields(change.table, change.fields, async (field, write) => {
    const place = { workspace: cipher.workspace, table: change.table, id: change.id, field, hlc: write.hlc };
    const sealed = await encryptField(current.key, current.keyId, place, write.value);
    memory?.remember(place, sealed, write.value);
    return sealed;
  });
  return { ...change, fields };
}

/** The row with every value opened; throws FieldDecryptError for the first that does not. */
export async function openRow(cipher: RowCipher, row: PulledRow, memory?: SealedMemory): Promise<PulledRow> {
  const fields = await mapFields(row.table, row.fields, (field, write) => {
    const place = { workspace: cipher.workspace, table: row.table, id: row.id, field, hlc: write.hlc };
    if (isCiphertext(write.value)) {
      const known = memory?.recall(place, write.value);
      return known ? known.value : decryptField(cipher.keys, place, write.value);
    }
    if (!cipher.current || (cipher.plainBefore !== undefined && write.hlc < cipher.plainBefore)) return write.value;
    throw new FieldDecryptError(`${row.table}.${field} came unencrypted in an encrypted workspace, stamped after encryption was turned on`, place);
  });
  return { ...row, fields };
}
