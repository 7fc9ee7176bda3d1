/**
 * The full backup: one versioned JSON file with everything the user made, and its restore.
 *
 * What is in it, and why:
 * - `contacts` (deleted ones too, so a deletion survives a restore), `interactions`, `deals`,
 *   `tasks`: the user's data, every row and every field, minus the derived index keys
 *   (`profileUrls`, `searchTokens`), which lib/db recomputes on restore and which a file must not
 *   be trusted to get right.
 * - `meta`: rows that are the user's (e.g. remembered column mappings), not this browser's
 *   bookkeeping: the `values:*` rows (last recompute, won-deal revision) and `sync:*` rows
 *   (clock, node id, cursor) stay behind. The sync outbox is not backed up either.
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
import {
  bumpWonDealsRevision,
  readAllInChunks,
  recordInteractions,
  refreshDealFacts,
  type CrmDatabase,
  type MetaRow,
} from '../db';
import { withIndexKeys } from '../db/contact-keys';
import { MessageTemplate } from '../templates/model';
import { Contact, Deal, Interaction, Task } from '../model';

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

export function isBackedUpMetaKey(key: string): boolean {
  return !isSecretKey(key) && !LOCAL_META_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** A contact as a backup holds it: without the derived index keys. */
const BackupContact = Contact.omit({ profileUrls: true, searchTokens: true });
export type BackupContact = z.infer<typeof BackupContact>;

const BackupMetaRow = z.object({ key: z.string().min(1).max(500), value: z.unknown() });

export const BackupTables = z.object({
  contacts: z.array(BackupContact),
  interactions: z.array(Interaction),
  deals: z.array(Deal),
  tasks: z.array(Task),
  meta: z.array(BackupMetaRow),
  /** Message templates (schema version 5); absent from backups made before them. */
  templates: z.array(MessageTemplate).default([]),
});
export type BackupTables = z.infer<typeof BackupTables>;

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

export interface BackupCounts {
  contacts: number;
  interactions: number;
  deals: number;
  tasks: number;
  meta: number;
  templates: number;
  settings: number;
}

export function backupCounts(backup: Backup): BackupCounts {
  const { tables } = backup;
  return {
    contacts: tables.contacts.length,
    interactions: tables.interactions.length,
    deals: tables.deals.length,
    tasks: tables.tasks.length,
    meta: tables.meta.length,
    templates: tables.templates.length,
    settings: Object.keys(backup.settings).length,
  };
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

function stripIndexKeys(contact: Contact): BackupContact {
  const { profileUrls: _urls, searchTokens: _tokens, ...rest } = contact;
  return rest;
}

/**
 * The backup file's text: canonical JSON, rows sorted by id, one row per line (readable and
 * diffable, and no bigger than it must be). Secrets are dropped here too, whoever built `backup`.
 */
export function serializeBackup(backup: Backup): string {
  const table = (rows: readonly unknown[]) => (rows.length === 0 ? '[]' : `[\n${rows.map(canonicalJson).join(',\n')}\n]`);
  const { tables } = backup;
  const lines = [
    `{"format":${JSON.stringify(backup.format)},"version":${backup.version},"schemaVersion":${backup.schemaVersion},`,
    `"exportedAt":${JSON.stringify(backup.exportedAt)},`,
    `"settings":${canonicalJson(withoutSecrets(backup.settings))},`,
    `"tables":{`,
    `"contacts":${table(byId(tables.contacts, (row) => row.id))},`,
    `"deals":${table(byId(tables.deals, (row) => row.id))},`,
    `"interactions":${table(byId(tables.interactions, (row) => row.id))},`,
    `"meta":${table(byId(tables.meta.filter((row) => isBackedUpMetaKey(row.key)).map((row) => ({ key: row.key, value: withoutSecrets(row.value) })), (row) => row.key))},`,
    `"tasks":${table(byId(tables.tasks, (row) => row.id))},`,
    `"templates":${table(byId(tables.templates, (row) => row.id))}`,
    `}}`,
  ];
  return `${lines.join('\n')}\n`;
}

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: string };

/** A backup file's text → a checked backup, or what is wrong with it in plain words. */
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
  const parsed = Backup.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `This backup is damaged: ${issue.message} at ${issue.path.join('.') || 'the top level'}.` };
  }
  return { ok: true, backup: { ...parsed.data, settings: withoutSecrets(parsed.data.settings) as Record<string, unknown> } };
}

/** Everything in the database worth a backup, read in chunks so other readers get in between. */
export async function createBackup(
  db: CrmDatabase,
  options: { settings?: Record<string, unknown>; now?: number } = {},
): Promise<Backup> {
  const contacts = await readAllInChunks(db.contacts, (row) => row.id);
  const interactions = await readAllInChunks(db.interactions, (row) => row.id);
  const deals = await readAllInChunks(db.deals, (row) => row.id);
  const tasks = await readAllInChunks(db.tasks, (row) => row.id);
  const meta = (await readAllInChunks(db.meta, (row) => row.key)).filter((row) => isBackedUpMetaKey(row.key));
  const templates = await db.templates.toArray();
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion: db.verno,
    exportedAt: new Date(options.now ?? Date.now()).toISOString(),
    tables: {
      contacts: contacts.map(stripIndexKeys),
      interactions,
      deals,
      tasks,
      meta: meta.map((row) => ({ key: row.key, value: withoutSecrets(row.value) })),
      templates,
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

/** Lets the page paint and handle input between chunks. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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
  const written: BackupCounts = { contacts: 0, interactions: 0, deals: 0, tasks: 0, meta: 0, templates: 0, settings: 0 };
  let kept = 0;
  const total = tables.contacts.length + tables.interactions.length + tables.deals.length + tables.tasks.length + tables.meta.length + tables.templates.length;
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

  /** Of `rows`, those whose id is not stored yet. */
  async function missing<T>(table: CrmDatabase['tasks'] | CrmDatabase['deals'] | CrmDatabase['interactions'], rows: readonly (T & { id: string })[]) {
    const stored = await table.bulkGet(rows.map((row) => row.id));
    const fresh = rows.filter((_, index) => stored[index] === undefined);
    kept += rows.length - fresh.length;
    return fresh;
  }

  const finished =
    (await inChunks(tables.contacts, (chunk) =>
      db.transaction('rw', db.contacts, async () => {
        const stored = await db.contacts.bulkGet(chunk.map((row) => row.id));
        const newer = chunk.filter((row, index) => !stored[index] || stored[index]!.updatedAt < row.updatedAt);
        kept += chunk.length - newer.length;
        await db.contacts.bulkPut(newer.map((row) => Contact.parse(withIndexKeys(Contact.parse(row)))));
        written.contacts += newer.length;
      }),
    )) &&
    (await inChunks(tables.interactions, (chunk) =>
      db.transaction('rw', db.interactions, db.activity, async () => {
        const fresh = await missing(db.interactions, chunk);
        await db.interactions.bulkAdd(fresh);
        await recordInteractions(db, fresh, now);
        written.interactions += fresh.length;
      }),
    )) &&
    (await inChunks(tables.deals, (chunk) =>
      db.transaction('rw', db.deals, db.meta, db.activity, async () => {
        const fresh = await missing(db.deals, chunk);
        await db.deals.bulkAdd(fresh);
        // A won deal is a purchase: bump the revision the background compares, as lib/db does.
        if (fresh.some((deal) => deal.status === 'won')) {
          await bumpWonDealsRevision(db);
        }
        for (const contactId of new Set(fresh.map((deal) => deal.contactId))) await refreshDealFacts(db, contactId, now);
        written.deals += fresh.length;
      }),
    )) &&
    (await inChunks(tables.tasks, (chunk) =>
      db.transaction('rw', db.tasks, async () => {
        const fresh = await missing(db.tasks, chunk);
        await db.tasks.bulkAdd(fresh);
        written.tasks += fresh.length;
      }),
    )) &&
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
    )) &&
    // Templates as contacts: the file's copy replaces the stored one only when it is newer.
    (await inChunks(tables.templates, (chunk) =>
      db.transaction('rw', db.templates, async () => {
        const stored = await db.templates.bulkGet(chunk.map((row) => row.id));
        const newer = chunk.filter((row, index) => !stored[index] || stored[index]!.updatedAt < row.updatedAt);
        kept += chunk.length - newer.length;
        await db.templates.bulkPut(newer);
        written.templates += newer.length;
      }),
    ));

  if (finished && options.applySettings) {
    const settings = withoutSecrets(backup.settings) as Record<string, unknown>;
    await options.applySettings(settings);
    written.settings = Object.keys(settings).length;
  }
  return { written, kept, cancelled: !finished };
}
