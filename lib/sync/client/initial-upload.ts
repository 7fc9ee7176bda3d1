/**
 * The first sync of a workspace from this browser uploads every local row, so a browser that
 * already holds data merges it with the server's instead of losing it (rows written before the
 * outbox existed are in no outbox). Each row goes up with stamps from its own last change
 * (contacts' updatedAt) or, when a row keeps no such time, from the epoch: then any edit the
 * server already has wins, and a row the server lacks is created. Resumable: the position is
 * saved after every confirmed batch, so a stopped service worker carries on where it was.
 */
import type { CrmDatabase } from '../../db/database';
import { CLOCK_KEY } from '../../db/outbox';
import { formatHlc, HlcState, initialHlc, randomNodeId } from '../shared/hlc';
import { encryptionChanged, stableId } from './push-outbox';
import { quarantine } from './quarantine';
import { sendChanges } from './send-changes';
import { SYNC_LIMITS, SYNCED_FIELDS, type PushChange, type RejectedChange } from '../shared/protocol';
import { SYNC_TABLES, syncedTableSpec, type SyncTable } from '../shared/tables';
import type { SyncTransport } from './transport';

export interface UploadPosition {
  done: boolean;
  table?: SyncTable;
  /** The last id confirmed in `table`. */
  after?: string;
  uploaded: number;
  /** The tables a finished upload covered; a table registered later is uploaded on its own. */
  tables?: SyncTable[];
}

/** What a finished upload saved before it recorded its tables covered: the tables synced then. */
const TABLES_BEFORE_RECORDING: readonly SyncTable[] = ['contacts', 'interactions', 'deals', 'tasks'];

const BATCH_VALUE_CHARS = SYNC_LIMITS.pushValueChars * 0.75;

export const uploadKey = (workspace: string) => `sync:upload:${workspace}`;

async function nodeOf(db: CrmDatabase): Promise<string> {
  const parsed = HlcState.safeParse((await db.meta.get(CLOCK_KEY))?.value);
  if (parsed.success) return parsed.data.node;
  const clock = initialHlc(randomNodeId());
  await db.meta.put({ key: CLOCK_KEY, value: clock });
  return clock.node;
}

/** A whole local row as a change, stamped at its own last-change time (never in the future). */
export function uploadChange(table: SyncTable, row: Record<string, unknown>, node: string, now: number): PushChange {
  const changedAtField = syncedTableSpec(table).changedAt;
  const own = changedAtField === undefined ? undefined : row[changedAtField];
  const changedAt = typeof own === 'number' ? Math.min(own, now) : 0;
  const hlc = formatHlc({ millis: Math.max(0, Math.floor(changedAt)), counter: 0, node });
  const fields: PushChange['fields'] = {};
  for (const name of SYNCED_FIELDS[table]) {
    const value = row[name];
    if (value !== undefined) fields[name] = { value: value as never, hlc };
  }
  return { mutationId: `u-${stableId(`${table}\u0000${row.id as string}\u0000${hlc}`)}`, table, id: row.id as string, fields };
}

function chars(change: PushChange): number {
  let total = 0;
  for (const write of Object.values(change.fields)) total += typeof write.value === 'string' ? write.value.length + 2 : JSON.stringify(write.value).length;
  return total;
}

export async function uploadAll(
  db: CrmDatabase,
  transport: SyncTransport,
  workspace: string,
  clientId: string,
  onProgress?: (done: number, total: number) => void,
  now: () => number = Date.now,
): Promise<{ uploaded: number; rejected: RejectedChange[] }> {
  const saved = (await db.meta.get(uploadKey(workspace)))?.value as UploadPosition | undefined;
  // A finished upload still owes the tables registered since (e.g. templates, once they synced).
  const covered = saved?.done ? (saved.tables ?? TABLES_BEFORE_RECORDING) : [];
  const owed = SYNC_TABLES.filter((table) => !covered.includes(table));
  if (owed.length === 0) return { uploaded: 0, rejected: [] };
  let position: UploadPosition = saved && !saved.done ? saved : { done: false, uploaded: 0, tables: [...covered] };
  const node = await nodeOf(db);
  const counts = await Promise.all(owed.map((table) => db.table(table).count()));
  const total = counts.reduce((a, b) => a + b, 0);
  const rejected: RejectedChange[] = [];
  const startTable = position.table ? Math.max(0, owed.indexOf(position.table)) : 0;
  for (const table of owed.slice(startTable)) {
    let after = position.table === table ? position.after : undefined;
    for (;;) {
      const store = db.table<Record<string, unknown>, string>(table);
      const rows = after === undefined ? await store.orderBy(':id').limit(SYNC_LIMITS.changesPerPush).toArray() : await store.where(':id').above(after).limit(SYNC_LIMITS.changesPerPush).toArray();
      if (rows.length === 0) break;
      const changes: PushChange[] = [];
      let size = 0;
      for (const row of rows) {
        const change = uploadChange(table, row, node, now());
        const rowChars = chars(change);
        if (changes.length > 0 && size + rowChars > BATCH_VALUE_CHARS) break;
        changes.push(change);
        size += rowChars;
      }
      const sent = await sendChanges(transport, clientId, changes);
      // Refused for its encoding only: stop before the position moves past it; the next run sends it again.
      if (sent.retry.length > 0) throw encryptionChanged();
      await quarantine(db, sent.refused);
      rejected.push(...sent.refused.map(({ change, reason }) => ({ mutationId: change.mutationId, reason })));
      after = changes[changes.length - 1]!.id;
      position = { ...position, done: false, table, after, uploaded: position.uploaded + changes.length };
      await db.meta.put({ key: uploadKey(workspace), value: position });
      onProgress?.(position.uploaded, Math.max(total, position.uploaded));
    }
  }
  await db.meta.put({ key: uploadKey(workspace), value: { ...position, done: true, tables: [...SYNC_TABLES] } });
  return { uploaded: position.uploaded, rejected };
}
