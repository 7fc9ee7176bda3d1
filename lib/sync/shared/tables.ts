import type { z } from 'zod';
import { Deal, Interaction, Task } from '../../model/activity';
import { Contact } from '../../model/contact';
import { Segment } from '../../model/segment';
import { MessageTemplate } from '../../model/template';

/**
 * The one registry of synced tables. Everything that must know "which tables are the user's
 * synced data" reads it: the protocol's table enum and per-field checks (so the server's field
 * whitelist), the outbox middleware, the first-sync upload, the pulled-page apply, sign-out's
 * wipe, and the JSON backup. Adding a synced table is one entry here plus its Dexie schema line
 * (lib/db/database.ts), whose primary key must be `id`.
 */
export interface SyncedTableSpec {
  /** The row's model; every key but `id` and `derivedKeys` is a synced field. */
  readonly model: z.ZodObject;
  /** Index keys lib/db derives from the row (lib/db/derived-keys.ts): never synced, never backed up. */
  readonly derivedKeys: readonly string[];
  /** The field holding the row's own last-change time, if it keeps one: a first upload stamps with it. */
  readonly changedAt?: string;
  /**
   * How a backup restore meets a stored row with the same id: `newer-wins` replaces it when the
   * file's `changedAt` is later; `keep-stored` only adds rows that are missing.
   */
  readonly restore: 'newer-wins' | 'keep-stored';
  /** Backups made before the table existed lack it: read them as holding no rows. */
  readonly optionalInBackups?: boolean;
  /**
   * Fields the server reads to enforce permissions (`visibility`) or writes itself (`authorId`):
   * an end-to-end encrypted workspace leaves them in the clear (lib/sync/shared/encryption.ts).
   */
  readonly clearFields: readonly string[];
}

export const SYNCED_TABLES = {
  contacts: { model: Contact, derivedKeys: ['profileUrls', 'searchTokens'], changedAt: 'updatedAt', restore: 'newer-wins', clearFields: [] },
  interactions: { model: Interaction, derivedKeys: [], restore: 'keep-stored', clearFields: ['authorId', 'visibility'] },
  deals: { model: Deal, derivedKeys: [], restore: 'keep-stored', clearFields: ['authorId'] },
  tasks: { model: Task, derivedKeys: ['openDueAt'], restore: 'keep-stored', clearFields: ['authorId'] },
  /** Schema version 5; synced since templates were registered here (a user's templates in every browser). */
  templates: { model: MessageTemplate, derivedKeys: [], changedAt: 'updatedAt', restore: 'newer-wins', optionalInBackups: true, clearFields: [] },
  /** Schema version 7: saved segments (issue 22), a user's named rules in every browser, like templates. */
  segments: { model: Segment, derivedKeys: [], changedAt: 'updatedAt', restore: 'newer-wins', optionalInBackups: true, clearFields: [] },
} as const satisfies Record<string, SyncedTableSpec>;

export type SyncTable = keyof typeof SYNCED_TABLES;

/** The rows each synced table holds, as their models give them. */
export type SyncedRow<T extends SyncTable> = z.infer<(typeof SYNCED_TABLES)[T]['model']>;

/** The synced tables in registry order (the order a first sync uploads them). */
export const SYNC_TABLES = Object.keys(SYNCED_TABLES) as [SyncTable, ...SyncTable[]];

/** One table's entry, seen through the common shape (the literal types of each entry differ). */
export function syncedTableSpec(table: SyncTable): SyncedTableSpec {
  return SYNCED_TABLES[table];
}
