/**
 * Pushes the outbox in batches within the protocol's limits. An entry leaves the outbox only
 * after the server confirmed it, and only as far as it was sent: a field written again while
 * the push was in flight stays queued with its newer stamp.
 */
import type { CrmDatabase } from '../../db/database';
import type { OutboxEntry } from '../../db/outbox';
import { SYNC_LIMITS, type PushChange, type RejectedChange } from '../shared/protocol';
import { SyncError } from './transport';
import { clearSuperseded, quarantine } from './quarantine';
import { sendChanges } from './send-changes';
import type { SyncTransport } from './transport';

/** The run stops pushing; the scheduler retries soon, and that run reads the workspace's keys first. */
export function encryptionChanged(): SyncError {
  return new SyncError('server', 'This workspace’s encryption changed during the sync. Your changes are kept and sent again in a moment.');
}

/** Stays under the push's value budget with room for keys and stamps. */
const BATCH_VALUE_CHARS = SYNC_LIMITS.pushValueChars * 0.75;

/** FNV-1a over a string, twice with different seeds: a 64-bit id that is stable across retries. */
export function stableId(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * The change for one entry. Its mutation id is derived from its content, so a retry of the
 * same entry (reply lost) is recognised by the server and skipped, while an entry that changed
 * meanwhile is a new mutation.
 */
export function changeOf(entry: OutboxEntry): PushChange {
  const stamps = Object.entries(entry.fields)
    .map(([name, write]) => `${name}@${write.hlc}`)
    .sort()
    .join(',');
  const mutationId = `o-${stableId(`${entry.table}\u0000${entry.id}\u0000${stamps}\u0000${entry.deleted ?? ''}`)}`;
  return entry.deleted !== undefined
    ? { mutationId, table: entry.table, id: entry.id, fields: {}, deleted: entry.deleted }
    : { mutationId, table: entry.table, id: entry.id, fields: entry.fields as PushChange['fields'] };
}

/** The first entries of `page` that fit one push's value budget (at least one). */
function batchOf(page: readonly OutboxEntry[]): OutboxEntry[] {
  const batch: OutboxEntry[] = [];
  let chars = 0;
  for (const entry of page) {
    const size = valueChars(entry);
    if (batch.length > 0 && chars + size > BATCH_VALUE_CHARS) break;
    batch.push(entry);
    chars += size;
  }
  return batch;
}

function valueChars(entry: OutboxEntry): number {
  let total = 0;
  for (const write of Object.values(entry.fields)) total += typeof write.value === 'string' ? write.value.length + 2 : JSON.stringify(write.value).length;
  return total;
}

/** Removes what the server confirmed: fields whose stamp is still the one sent, or the whole entry. */
async function acknowledge(db: CrmDatabase, sent: readonly OutboxEntry[]): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const current = await db.outbox.bulkGet(sent.map((entry) => [entry.table, entry.id] as [string, string]));
    const removals: Array<[string, string]> = [];
    const updates: OutboxEntry[] = [];
    sent.forEach((entry, index) => {
      const now = current[index];
      if (!now) return;
      if (entry.deleted !== undefined) {
        if (now.deleted === entry.deleted) removals.push([entry.table, entry.id]);
        return;
      }
      if (now.deleted !== undefined) return; // deleted since: that tombstone still has to go
      const left = Object.fromEntries(Object.entries(now.fields).filter(([name, write]) => entry.fields[name]?.hlc !== write.hlc));
      if (Object.keys(left).length === 0) removals.push([entry.table, entry.id]);
      else updates.push({ ...now, fields: left });
    });
    await db.outbox.bulkDelete(removals);
    await db.outbox.bulkPut(updates);
  });
}

export interface PushResult {
  pushed: number;
  rejected: RejectedChange[];
}

/** Pushes until the outbox is empty (or only holds what was written during this push). */
export async function pushOutbox(
  db: CrmDatabase,
  transport: SyncTransport,
  clientId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<PushResult> {
  const total = await db.outbox.count();
  let pushed = 0;
  const rejected: RejectedChange[] = [];
  // Read in key order after the last batch: entries re-queued by edits during the push are
  // picked up by the next sync, so one sync always ends.
  const read = (after: [string, string] | undefined) => (after === undefined ? db.outbox.limit(SYNC_LIMITS.changesPerPush).toArray() : db.outbox.where(':id').above(after).limit(SYNC_LIMITS.changesPerPush).toArray());
  let next = read(undefined);
  next.catch(() => undefined); // awaited below; a run that stops early must not leave it unhandled
  for (;;) {
    const page = await next;
    if (page.length === 0) break;
    const batch = batchOf(page);
    const last = batch[batch.length - 1]!;
    // The next batch is read, and handed to the transport to prepare, while this one is sent. An
    // entry edited meanwhile is sent as read, as if the edit came during its push: its newer
    // stamp stays queued (acknowledge below).
    next = read([last.table, last.id]);
    next.catch(() => undefined);
    if (transport.prepare) {
      const prepare = transport.prepare.bind(transport);
      next
        .then((upcoming) => {
          if (upcoming.length > 0) prepare(batchOf(upcoming).map(changeOf));
        })
        .catch(() => undefined);
    }
    const sent = await sendChanges(transport, clientId, batch.map(changeOf));
    // Refused changes are set aside first, then the whole batch leaves the outbox: a crash in
    // between sends a refused change once more, never loses it. One bad entry must not jam the
    // queue; the sync status shows what was set aside, with Retry and Discard.
    await quarantine(db, sent.refused);
    rejected.push(...sent.refused.map(({ change, reason }) => ({ mutationId: change.mutationId, reason })));
    // What the server refused only for its encoding stays queued for the next run, which reads the keys again.
    const again = new Set(sent.retry.map((change) => `${change.table}\u0000${change.id}`));
    await acknowledge(db, again.size === 0 ? batch : batch.filter((entry) => !again.has(`${entry.table}\u0000${entry.id}`)));
    await clearSuperseded(db, sent.accepted);
    if (again.size > 0) throw encryptionChanged();
    pushed += batch.length;
    onProgress?.(pushed, Math.max(total, pushed));
  }
  return { pushed, rejected };
}
