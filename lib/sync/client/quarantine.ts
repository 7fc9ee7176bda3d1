/**
 * Changes the server will not take (a contact with 20,000 tags, text that is not Unicode, a row
 * an older server does not know) are set aside here instead of jamming the outbox: one meta row
 * per synced row, `sync:quarantine:<table>:<id>`, holding the refused change and why. The sync
 * status shows them ("1 change could not be sent: Ada Lovelace — …") with Retry, which puts the
 * change back in the outbox, and Discard, which forgets it (the row stays on this browser as it
 * is). Like all `sync:` rows it is this browser's bookkeeping: never backed up.
 */
import type { CrmDatabase } from '../../db/database';
import { CLOCK_KEY, foldIntoEntry } from '../../db/outbox';
import { compareHlc, HlcState, initialHlc, randomNodeId, sendHlc } from '../shared/hlc';
import type { PushChange } from '../shared/protocol';
import type { SyncTable } from '../shared/tables';

export const QUARANTINE_PREFIX = 'sync:quarantine:';

export interface QuarantinedChange {
  table: SyncTable;
  id: string;
  /** What a person recognises the row by: a contact's name, a deal's title… */
  label: string;
  reason: string;
  /** When it was set aside. */
  at: number;
  fields: PushChange['fields'];
  deleted?: string;
}

export interface RefusedChange {
  change: PushChange;
  reason: string;
}

const quarantineKey = (table: string, id: string) => `${QUARANTINE_PREFIX}${table}:${id}`;

/** The row's name, title or subject as stored (else as sent), or "<table> <id>". */
function labelOf(table: string, id: string, row: Record<string, unknown> | undefined, change: PushChange): string {
  const value = (name: string) => row?.[name] ?? change.fields[name]?.value;
  for (const name of ['name', 'title', 'subject']) {
    const text = value(name);
    if (typeof text === 'string' && text.trim()) return text.trim().slice(0, 120);
  }
  const emails = value('emails');
  if (Array.isArray(emails) && typeof emails[0] === 'string') return emails[0];
  return `${table.replace(/s$/, '')} ${id.slice(0, 40)}`;
}

/** Sets refused changes aside (one row per synced row: a later refusal of the same row replaces it). */
export async function quarantine(db: CrmDatabase, refused: readonly RefusedChange[], now: number = Date.now()): Promise<void> {
  if (refused.length === 0) return;
  await db.transaction('rw', [db.meta, ...new Set(refused.map(({ change }) => db.table(change.table)))], async () => {
    for (const { change, reason } of refused) {
      const row = (await db.table<Record<string, unknown>, string>(change.table).get(change.id)) ?? undefined;
      const entry: QuarantinedChange = {
        table: change.table,
        id: change.id,
        label: labelOf(change.table, change.id, row, change),
        reason: reason.slice(0, 500),
        at: now,
        fields: change.fields,
        ...(change.deleted !== undefined ? { deleted: change.deleted } : {}),
      };
      await db.meta.put({ key: quarantineKey(change.table, change.id), value: entry });
    }
  });
}

/** Every change set aside, oldest first. */
export async function quarantinedChanges(db: CrmDatabase): Promise<QuarantinedChange[]> {
  const rows = await db.meta.where('key').startsWith(QUARANTINE_PREFIX).toArray();
  return rows.map((row) => row.value as QuarantinedChange).sort((a, b) => a.at - b.at);
}

export async function quarantinedCount(db: CrmDatabase): Promise<number> {
  return db.meta.where('key').startsWith(QUARANTINE_PREFIX).count();
}

/** Forgets a set-aside change: the row stays on this browser as it is, and is not sent. */
export async function discardQuarantined(db: CrmDatabase, table: SyncTable, id: string): Promise<void> {
  await db.meta.delete(quarantineKey(table, id));
}

/**
 * Puts a set-aside change back in the outbox for the next sync, as the row holds it now: the
 * set-aside fields with their current values (the user may have fixed them since; pulled changes
 * are already merged in) under a fresh stamp, or the deletion again. Refused again, it comes back.
 */
export async function retryQuarantined(db: CrmDatabase, table: SyncTable, id: string): Promise<void> {
  await db.transaction('rw', [db.meta, db.outbox, db.table(table)], async () => {
    const entry = (await db.meta.get(quarantineKey(table, id)))?.value as QuarantinedChange | undefined;
    if (!entry) return;
    const row = await db.table<Record<string, unknown>, string>(table).get(id);
    const parsed = HlcState.safeParse((await db.meta.get(CLOCK_KEY))?.value);
    const { state, stamp } = sendHlc(parsed.success ? parsed.data : initialHlc(randomNodeId()), Date.now());
    const fields = Object.fromEntries(Object.keys(entry.fields).map((name) => [name, row?.[name] ?? null]));
    const queued = await db.outbox.get([table, id]);
    await db.outbox.put(foldIntoEntry(queued, table, id, fields, stamp, row === undefined));
    await db.meta.put({ key: CLOCK_KEY, value: state });
    await db.meta.delete(quarantineKey(table, id));
  });
}

/**
 * A change the server took supersedes what was set aside for the same row when it deletes the row
 * or rewrites every set-aside field with a newer stamp: the user fixed it, and the note goes away.
 */
export async function clearSuperseded(db: CrmDatabase, sent: readonly PushChange[]): Promise<void> {
  const keys = sent.map((change) => quarantineKey(change.table, change.id));
  if (keys.length === 0 || (await db.meta.where('key').startsWith(QUARANTINE_PREFIX).count()) === 0) return;
  const stored = await db.meta.bulkGet(keys);
  const done = sent.flatMap((change, index) => {
    const entry = stored[index]?.value as QuarantinedChange | undefined;
    if (!entry) return [];
    const covered = change.deleted !== undefined || Object.entries(entry.fields).every(([name, write]) => {
      const newer = change.fields[name];
      return newer !== undefined && compareHlc(newer.hlc, write.hlc) >= 0;
    });
    return covered ? [keys[index]!] : [];
  });
  if (done.length > 0) await db.meta.bulkDelete(done);
}
