/**
 * Re-encodes what the server stores, in place, whenever the workspace's target encoding changes:
 * every value sealed with the current key (encryption turned on: the plain values; a rotation:
 * the old key's), or every value plain again (encryption turned off). It reads the workspace from
 * the start by cursor, re-encodes each field that is not yet in the target encoding under its own
 * stamp and sends it as a rewrite (POST /v1/w/:ws/rewrite), which the server applies only while
 * the field still holds that stamp: a newer write wins, as always, and nothing is re-pulled.
 *
 * Resumable: the position is saved after every confirmed page, so a service worker stopped at any
 * batch carries on where it was; rows re-sent after a stop are already in the target encoding and
 * skipped. Every writer runs it (each sees the rows it may see: a member's private rows are
 * converted by that member's browser), so the first to run does the work and the others only read.
 */
import type { CrmDatabase } from '../../db/database';
import { isClearField, type RewriteChange } from '../shared/encryption';
import { SYNC_LIMITS, type PulledRow } from '../shared/protocol';
import { decryptField, encryptField, isCiphertext, keyIdOf } from './crypto/field-cipher';
import type { RowCipher } from './crypto/row-cipher';
import type { KeyTransport } from './key-transport';
import { SyncError, type SyncTransport } from './transport';

export const rewriteKey = (workspace: string) => `sync:rewrite:${workspace}`;

/** The target of a pass: a key id, or `plain`. */
export type RewriteTarget = string;

export interface RewritePosition {
  target: RewriteTarget;
  /** The cursor read up to (inclusive): the next page starts after it. */
  since: number;
  done: boolean;
  /** Fields this browser re-encoded, and those the server skipped (a newer write, a row gone). */
  rewritten: number;
  skipped: number;
  /** Values under a key this browser does not hold (or that failed their check): left as they are. */
  unreadable: number;
}

const PAGE = SYNC_LIMITS.pullMax;
/** A rewrite request's share of the body limit: ciphertexts are a third longer than their values. */
const BATCH_CHARS = SYNC_LIMITS.bodyBytes * 0.5;

export function targetOf(cipher: RowCipher | undefined): RewriteTarget {
  return cipher?.current?.keyId ?? 'plain';
}

export async function rewritePosition(db: CrmDatabase, workspace: string): Promise<RewritePosition | undefined> {
  return (await db.meta.get(rewriteKey(workspace)))?.value as RewritePosition | undefined;
}

/** Whether a pass toward the target of `cipher` is still owed. */
export async function rewriteOwed(db: CrmDatabase, cipher: RowCipher | undefined, workspace: string): Promise<boolean> {
  const position = await rewritePosition(db, workspace);
  return !(position?.target === targetOf(cipher) && position.done);
}

/** The row's fields that are not in the target encoding, re-encoded under their own stamps. */
async function reencoded(cipher: RowCipher, row: PulledRow, position: RewritePosition): Promise<RewriteChange | undefined> {
  if (row.deleted !== undefined) return undefined;
  const fields: RewriteChange['fields'] = {};
  for (const [field, write] of Object.entries(row.fields)) {
    if (isClearField(row.table, field)) continue;
    const encoding = isCiphertext(write.value) ? keyIdOf(write.value) : 'plain';
    if (encoding === position.target) continue;
    const place = { workspace: cipher.workspace, table: row.table, id: row.id, field, hlc: write.hlc };
    let value: unknown = write.value;
    if (encoding !== 'plain') {
      try {
        value = await decryptField(cipher.keys, place, write.value);
      } catch {
        position.unreadable += 1;
        continue;
      }
    }
    const current = cipher.current;
    fields[field] = { value: (current ? await encryptField(current.key, current.keyId, place, value) : value) as RewriteChange['fields'][string]['value'], hlc: write.hlc };
  }
  return Object.keys(fields).length === 0 ? undefined : { table: row.table, id: row.id, fields };
}

async function send(keys: KeyTransport, changes: readonly RewriteChange[], position: RewritePosition): Promise<void> {
  let batch: RewriteChange[] = [];
  let chars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const reply = await keys.rewrite({ changes: batch });
    position.rewritten += reply.rewritten;
    position.skipped += reply.skipped;
    batch = [];
    chars = 0;
  };
  for (const change of changes) {
    const size = JSON.stringify(change.fields).length;
    if (batch.length >= SYNC_LIMITS.changesPerPush || (batch.length > 0 && chars + size > BATCH_CHARS)) await flush();
    batch.push(change);
    chars += size;
  }
  await flush();
}

/**
 * Runs (or resumes) the pass toward the target of `cipher` (undefined: plain). `pull` is the
 * unsealed transport: the pass sees values as the server stores them.
 */
export async function runRewritePass(
  db: CrmDatabase,
  transport: Pick<SyncTransport, 'pull'>,
  keys: KeyTransport,
  cipher: RowCipher,
  onProgress?: (position: RewritePosition) => void,
): Promise<RewritePosition> {
  const target = targetOf(cipher);
  const saved = await rewritePosition(db, cipher.workspace);
  if (saved?.target === target && saved.done) return saved;
  const position: RewritePosition = saved?.target === target ? { ...saved } : { target, since: 0, done: false, rewritten: 0, skipped: 0, unreadable: 0 };
  for (;;) {
    let page;
    try {
      page = await transport.pull(position.since, PAGE);
    } catch (error) {
      // Tombstones purged past our position: start over (rows done already are skipped as done).
      if (error instanceof SyncError && error.kind === 'resync' && position.since > 0) {
        position.since = 0;
        continue;
      }
      throw error;
    }
    const changes = (await Promise.all(page.changes.map((row) => reencoded(cipher, row, position)))).filter((change): change is RewriteChange => change !== undefined);
    await send(keys, changes, position);
    position.since = page.cursor;
    position.done = !page.hasMore;
    await db.meta.put({ key: rewriteKey(cipher.workspace), value: position });
    onProgress?.({ ...position });
    if (!page.hasMore) return position;
  }
}
