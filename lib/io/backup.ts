/**
 * The full backup: one versioned JSON file with everything the user made, and its restore.
 *
 * What is in it, and why:
 * - `contacts` (deleted ones too, so a deletion survives a restore), `interactions`, `deals`,
 *   `tasks`: the user's data, every row and every field, minus the derived index keys
 *   (`profileUrls`, `searchTokens`), which lib/db recomputes on restore and which a file must not
 *   be trusted to get right.
 * - `meta`: rows that are the user's, of the kinds listed in RESTORED_META (remembered column
 *   mappings), each checked against its schema on the way in; not this browser's bookkeeping:
 *   the `values:*` rows (last recompute, won-deal revision) and `sync:*` rows (clock, node id,
 *   cursor, quarantine) stay behind. The sync outbox is not backed up either.
 * - `settings`: the storage.local settings (value-model thresholds, paused sites, ignored people).
 * - Not `values` or `activity`: both are derived from deals and interactions, recomputed after a
 *   restore (values by the background, activity facts by lib/db as rows are written), so a backup
 *   can never disagree with itself.
 * - Nothing whose key looks like a secret (token, secret, password, credential, at any depth).
 *
 * The file is canonical JSON (object keys sorted, rows in id order, one row per line), so backup
 * → restore → backup gives the same bytes for the same `exportedAt`.
 *
 * Restore merges by id into an empty or non-empty profile, in chunks (one transaction each):
 * a contact from the file replaces the stored one only when its `updatedAt` is later; a stored
 * interaction, deal, task or meta row with the same id is kept as it is (the file only adds what
 * is missing), so restoring an old backup never undoes later work, and restoring twice changes
 * nothing the second time.
 */
import { z } from 'zod';
import { readAllInChunks, type CrmDatabase, type MetaRow } from '../db';
import { withDerivedKeys } from '../db/derived-keys';
import { deriveFromRestoredRows } from '../db/restored-rows';
import { KEY_PREFIX as COLUMN_MAPPING_PREFIX, StoredMapping } from './mapping-memory';
import { SYNC_TABLES, type SYNCED_TABLES, syncedTableSpec, type SyncedRow, type SyncTable } from '../sync/shared/tables';
import { yieldToPage } from './yield-to-page';

export const BACKUP_FORMAT = 'sidebar-crm-backup';
export const BACKUP_VERSION = 1;

/** Keys that name secrets: never written to a backup, never read from one. */
const SECRET_KEY = /token|secret|password|passwd|credential|api[-_]?key|private[-_]?key/i;
/**
 * Meta rows that are this browser's own bookkeeping, not the user's data: the value model's
 * state and revision (derived), and sync state (this browser's clock and node id, cursors),
 * which would confuse sync if another profile took it over.
 */
const LOCAL_META_PREFIXES = ['values:', 'sync:'];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A value with every property whose name looks like a secret removed, at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    const kept: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) if (!isSecretKey(key)) kept[key] = withoutSecrets(inner);
    return kept;
  }
  return value;
}


/**
 * The meta rows a backup may bring in, by key prefix, each with the schema of its value: a file
 * cannot plant a row under any other key (a `panel:` request, a `values:` state), nor a value its
 * reader does not expect. Adding a kind of user meta row is one entry here.
 */
const RESTORED_META: ReadonlyArray<{ prefix: string; value: z.ZodType }> = [{ prefix: COLUMN_MAPPING_PREFIX, value: StoredMapping }];

/** A meta row a backup carries (both ways): one of the kinds above, never this browser's own or a secret. */
export function isBackedUpMetaKey(key: string): boolean {
  return !isSecretKey(key) && RESTORED_META.some(({ prefix }) => key.startsWith(prefix));
}

/** Why a meta row from a file is not restored, or undefined when it is. */
function metaProblem(key: string, value: unknown): string | undefined {
  const kind = RESTORED_META.find(({ prefix }) => key.startsWith(prefix));
  if (!kind) return 'not a kind of row a backup restores';
  const parsed = kind.value.safeParse(value);
  return parsed.success ? undefined : `${parsed.error.issues[0]?.message ?? 'invalid'}`;
}

/** The most rows per table a restore reads: beyond any real book, short of exhausting the page. */
export const MAX_RESTORED_ROWS = 2_000_000;

/** A row of the file that is left out of the restore, and why (shown in the preview). */
export interface RefusedRow {
  table: SyncTable | 'meta';
  /** The row's id or meta key, when it has one. */
  id?: string;
  reason: string;
}

/** A synced table's row as a backup holds it: without the index keys lib/db derives. */
export type BackupRow<T extends SyncTable> = Omit<SyncedRow<T>, (typeof SYNCED_TABLES)[T]['derivedKeys'][number]>;
export type BackupContact = BackupRow<'contacts'>;

const BackupMetaRow = z.object({ key: z.string().min(1).max(500), value: z.unknown() });

function derivedKeysOf(table: SyncTable): readonly string[] {
  return syncedTableSpec(table).derivedKeys;
}

/** One array per synced table (the registry; a table newer than a backup reads as empty), and meta. */
function backupTableSchemas() {
  const shape: Record<string, z.ZodType> = {};
  for (const table of SYNC_TABLES) {
    const spec = syncedTableSpec(table);
    const omitted = Object.fromEntries(derivedKeysOf(table).map((key) => [key, true])) as Record<string, true>;
    const rows = z.array(spec.model.omit(omitted));
    shape[table] = spec.optionalInBackups ? rows.default([]) : rows;
  }
  shape.meta = z.array(BackupMetaRow);
  return shape;
}

export type BackupTables = { [T in SyncTable]: BackupRow<T>[] } & { meta: z.infer<typeof BackupMetaRow>[] };
export const BackupTables = z.object(backupTableSchemas()) as unknown as z.ZodType<BackupTables>;

export const Backup = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  /** The Dexie schema version of the profile it was taken from. */
  schemaVersion: z.number().int().positive(),
  exportedAt: z.iso.datetime(),
  tables: BackupTables,
  settings: z.record(z.string(), z.unknown()),
});
export type Backup = z.infer<typeof Backup>;

export type BackupCounts = Record<SyncTable | 'meta' | 'settings', number>;

export function backupCounts(backup: Backup): BackupCounts {
  const { tables } = backup;
  const counts = Object.fromEntries(SYNC_TABLES.map((table) => [table, tables[table].length])) as Record<SyncTable, number>;
  return { ...counts, meta: tables.meta.length, settings: Object.keys(backup.settings).length };
}

/** JSON with object keys sorted at every depth: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
}

function byId<T>(rows: readonly T[], idOf: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
}

function withoutDerivedKeys(table: SyncTable, row: Record<string, unknown>): Record<string, unknown> {
  const kept = { ...row };
  for (const key of derivedKeysOf(table)) delete kept[key];
  return kept;
}

/**
 * The backup file's text: canonical JSON, rows sorted by id, one row per line (readable and
 * diffable, and no bigger than it must be). Secrets are dropped here too, whoever built `backup`.
 */
export function serializeBackup(backup: Backup): string {
  const table = (rows: readonly unknown[]) => (rows.length === 0 ? '[]' : `[\n${rows.map(canonicalJson).join(',\n')}\n]`);
  const { tables } = backup;
  const meta = tables.meta.filter((row) => isBackedUpMetaKey(row.key)).map((row) => ({ key: row.key, value: withoutSecrets(row.value) }));
  const sections = [
    ...SYNC_TABLES.map((name) => [name, table(byId(tables[name] as Array<{ id: string }>, (row) => row.id))] as const),
    ['meta', table(byId(meta, (row) => row.key))] as const,
  ].sort(([a], [b]) => (a < b ? -1 : 1));
  const lines = [
    `{"format":${JSON.stringify(backup.format)},"version":${backup.version},"schemaVersion":${backup.schemaVersion},`,
    `"exportedAt":${JSON.stringify(backup.exportedAt)},`,
    `"settings":${canonicalJson(withoutSecrets(backup.settings))},`,
    `"tables":{`,
    sections.map(([name, rows]) => `${JSON.stringify(name)}:${rows}`).join(',\n'),
    `}}`,
  ];
  return `${lines.join('\n')}\n`;
}

export type ParsedBackup = { ok: true; backup: Backup; refused: RefusedRow[] } | { ok: false; error: string };

/** The file's frame: tables are arrays of anything here; each row is checked on its own below. */
const BackupFrame = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.iso.datetime(),
  tables: z.object({
    ...Object.fromEntries(
      SYNC_TABLES.map((table) => {
        const rows = z.array(z.unknown()).max(MAX_RESTORED_ROWS, `more than ${MAX_RESTORED_ROWS.toLocaleString('en')} rows in one table`);
        return [table, syncedTableSpec(table).optionalInBackups ? rows.default([]) : rows];
      }),
    ),
    meta: z.array(z.unknown()).max(MAX_RESTORED_ROWS),
  }),
  settings: z.record(z.string(), z.unknown()),
});

const issueWords = (error: z.ZodError) => {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'row'}: ${issue.message}` : 'invalid';
};

/**
 * A backup file's text → a checked backup and the rows left out, or what is wrong with the file
 * in plain words. Every row passes its table's model — the same limits as every other way in
 * (at most 200 tags, real addresses, no time more than a day ahead) — or is left out with its
 * reason: one bad row does not cost the other 50,000.
 */
export function parseBackup(text: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not JSON, so it is not a Sidebar CRM backup.' };
  }
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (!head.success || head.data.format !== BACKUP_FORMAT) {
    return { ok: false, error: 'This JSON file is not a Sidebar CRM backup (it has no "format": "sidebar-crm-backup").' };
  }
  if (head.data.version !== BACKUP_VERSION) {
    return { ok: false, error: `This backup is format version ${head.data.version}; this version of Sidebar CRM reads version ${BACKUP_VERSION}.` };
  }
  const frame = BackupFrame.safeParse(json);
  if (!frame.success) {
    const issue = frame.error.issues[0]!;
    return { ok: false, error: `This backup is damaged: ${issue.message} at ${issue.path.join('.') || 'the top level'}.` };
  }
  const refused: RefusedRow[] = [];
  const idOf = (row: unknown) => (row && typeof row === 'object' && typeof (row as { id?: unknown }).id === 'string' ? (row as { id: string }).id.slice(0, 200) : undefined);
  const tables: Record<string, unknown[]> = {};
  for (const table of SYNC_TABLES) {
    const omitted = Object.fromEntries(derivedKeysOf(table).map((key) => [key, true])) as Record<string, true>;
    const model = syncedTableSpec(table).model.omit(omitted);
    tables[table] = ((frame.data.tables as Record<string, unknown[]>)[table] ?? []).flatMap((row) => {
      const parsed = model.safeParse(row);
      if (parsed.success) return [parsed.data];
      const id = idOf(row);
      refused.push({ table, ...(id ? { id } : {}), reason: issueWords(parsed.error) });
      return [];
    });
  }
  // Secret-named keys are dropped on the way in too, at any depth, whoever wrote the file: a
  // crafted `meta` row or setting must not plant a token where extension code would read one.
  const meta = frame.data.tables.meta.flatMap((raw) => {
    const row = BackupMetaRow.safeParse(raw);
    if (!row.success) {
      refused.push({ table: 'meta', reason: issueWords(row.error) });
      return [];
    }
    // This browser's own bookkeeping (values:, sync:) or a secret-named key: never ours to restore.
    if (isSecretKey(row.data.key) || LOCAL_META_PREFIXES.some((prefix) => row.data.key.startsWith(prefix))) return [];
    const value = withoutSecrets(row.data.value);
    const problem = metaProblem(row.data.key, value);
    if (problem) {
      refused.push({ table: 'meta', id: row.data.key.slice(0, 200), reason: problem });
      return [];
    }
    return [{ key: row.data.key, value }];
  });
  const backup = {
    ...frame.data,
    tables: { ...tables, meta },
    settings: withoutSecrets(frame.data.settings) as Record<string, unknown>,
  } as Backup;
  return { ok: true, backup, refused };
}

/** Everything in the database worth a backup, read in chunks so other readers get in between. */
export async function createBackup(
  db: CrmDatabase,
  options: { settings?: Record<string, unknown>; now?: number } = {},
): Promise<Backup> {
  const synced: Record<string, unknown[]> = {};
  for (const table of SYNC_TABLES) {
    const rows = await readAllInChunks(db.table<Record<string, unknown>, string>(table), (row) => row.id as string);
    synced[table] = rows.map((row) => withoutDerivedKeys(table, row));
  }
  const meta = (await readAllInChunks(db.meta, (row) => row.key)).filter((row) => isBackedUpMetaKey(row.key));
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion: db.verno,
    exportedAt: new Date(options.now ?? Date.now()).toISOString(),
    tables: {
      ...(synced as { [T in SyncTable]: BackupRow<T>[] }),
      meta: meta.map((row) => ({ key: row.key, value: withoutSecrets(row.value) })),
    },
    settings: withoutSecrets(options.settings ?? {}) as Record<string, unknown>,
  };
}

export interface RestoreProgress {
  done: number;
  total: number;
}

export interface RestoreResult {
  /** Rows written per table (new, or a contact newer in the file). */
  written: BackupCounts;
  /** Rows left alone because the stored row is as new or newer. */
  kept: number;
  cancelled: boolean;
}

export interface RestoreOptions {
  onProgress?: (progress: RestoreProgress) => void;
  signal?: AbortSignal;
  /** Rows per transaction. */
  chunkSize?: number;
  /** Writes the backup's settings (storage.local); left out where there is no extension API. */
  applySettings?: (settings: Record<string, unknown>) => Promise<void>;
  now?: number;
}

/**
 * Merges a backup into the database by id (see the top of this file), chunk by chunk. Cancelling
 * stops after the chunk being written: every chunk is one transaction that writes rows together
 * with their activity facts, so what was restored is consistent, and restoring again completes
 * it. Settings are applied last, only when nothing was cancelled.
 */
export async function restoreBackup(db: CrmDatabase, backup: Backup, options: RestoreOptions = {}): Promise<RestoreResult> {
  const chunkSize = options.chunkSize ?? 2_000;
  const now = options.now ?? Date.now();
  const { tables } = backup;
  const written: BackupCounts = { ...(Object.fromEntries(SYNC_TABLES.map((table) => [table, 0])) as Record<SyncTable, number>), meta: 0, settings: 0 };
  let kept = 0;
  const total = SYNC_TABLES.reduce((sum, table) => sum + tables[table].length, 0) + tables.meta.length;
  let done = 0;
  options.onProgress?.({ done, total });

  async function inChunks<T>(rows: readonly T[], write: (chunk: readonly T[]) => Promise<void>): Promise<boolean> {
    for (let start = 0; start < rows.length; start += chunkSize) {
      if (options.signal?.aborted) return false;
      const chunk = rows.slice(start, start + chunkSize);
      await write(chunk);
      done += chunk.length;
      options.onProgress?.({ done, total });
      await yieldToPage();
    }
    return true;
  }

  /** One synced table's rows, by its restore rule (the registry), with what lib/db derives from them. */
  async function restoreTable(table: SyncTable): Promise<boolean> {
    const spec = syncedTableSpec(table);
    const store = db.table<Record<string, unknown>, string>(table);
    const changedAt = (row: Record<string, unknown> | undefined) => (spec.changedAt && row ? (row[spec.changedAt] as number) : undefined);
    return inChunks(tables[table] as Array<Record<string, unknown> & { id: string }>, (chunk) =>
      db.transaction('rw', [store, db.activity, db.meta], async () => {
        const stored = await store.bulkGet(chunk.map((row) => row.id));
        const fresh = chunk.filter((row, index) =>
          spec.restore === 'newer-wins' ? !stored[index] || (changedAt(stored[index]) ?? 0) < (changedAt(row) ?? 0) : stored[index] === undefined,
        );
        kept += chunk.length - fresh.length;
        const rows = fresh.map((row) => withDerivedKeys(table, spec.model.parse(row) as Record<string, unknown>));
        await store.bulkPut(rows);
        await deriveFromRestoredRows(db, table, rows, now);
        written[table] += rows.length;
      }),
    );
  }

  let finished = true;
  for (const table of SYNC_TABLES) {
    finished = finished && (await restoreTable(table));
  }
  finished =
    finished &&
    (await inChunks(
      tables.meta.filter((row) => isBackedUpMetaKey(row.key)),
      (chunk) =>
        db.transaction('rw', db.meta, async () => {
          const stored = await db.meta.bulkGet(chunk.map((row) => row.key));
          const fresh: MetaRow[] = chunk.filter((_, index) => stored[index] === undefined).map((row) => ({ key: row.key, value: row.value }));
          kept += chunk.length - fresh.length;
          await db.meta.bulkAdd(fresh);
          written.meta += fresh.length;
        }),
    ));

  if (finished && options.applySettings) {
    const settings = withoutSecrets(backup.settings) as Record<string, unknown>;
    await options.applySettings(settings);
    written.settings = Object.keys(settings).length;
  }
  return { written, kept, cancelled: !finished };
}
