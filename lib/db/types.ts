/**
 * The database's shape: its tables and the rows lib/db keeps for itself. Types only, imported by
 * every lib/db module, so none of them needs database.ts (which imports the outbox middleware and
 * the upgrades, and would close an import cycle).
 */
import type Dexie from 'dexie';
import type { EntityTable, Table } from 'dexie';
import type { Contact, ContactValue, Deal, Interaction, MessageTemplate, Segment, Task } from '../model';
import type { FieldWrite } from '../sync/shared/merge';
import type { SyncTable } from '../sync/shared/tables';

export interface MetaRow {
  key: string;
  value: unknown;
}

export type CrmDatabase = Dexie & {
  contacts: EntityTable<Contact, 'id'>;
  interactions: EntityTable<Interaction, 'id'>;
  deals: EntityTable<Deal, 'id'>;
  tasks: EntityTable<Task, 'id'>;
  values: EntityTable<ContactValue, 'contactId'>;
  meta: EntityTable<MetaRow, 'key'>;
  /** Version 2: activity facts per contact, kept by lib/db (see activity.ts). */
  activity: EntityTable<ActivityFacts, 'contactId'>;
  /** Version 4: changes waiting to be pushed to the sync server, one entry per row (see outbox.ts). */
  outbox: Table<OutboxEntry, [string, string]>;
  /** Version 5: message templates (see templates.ts); synced (lib/sync/shared/tables.ts). */
  templates: EntityTable<MessageTemplate, 'id'>;
  /** Version 7: saved segments (see segments.ts); synced (lib/sync/shared/tables.ts). */
  segments: EntityTable<Segment, 'id'>;
};

/** Activity facts per contact, derived from its interactions and deals (see activity.ts). */
export interface ActivityFacts {
  contactId: string;
  lastContactedAt?: number;
  /**
   * The latest counted interaction (contact kinds and notes), however old: when a keep-in-touch
   * cadence's clock restarted (lib/cadences). Rows written before it existed lack it; readers
   * fall back to lastContactedAt and recentTouches (lib/cadences/last-touch.ts).
   */
  lastTouchedAt?: number;
  /** Ascending timestamps of counted interactions newer than 90 days before `updatedAt`. */
  recentTouches: number[];
  /** The oldest of recentTouches (indexed); absent when there is none. */
  recentTouchesFrom?: number;
  openDealValue: number;
  wonValue: number;
  currency?: string;
  mixedCurrencies: boolean;
  updatedAt: number;
}

/** A row's changes waiting to be pushed (see outbox.ts): each changed field with its newest stamp, or a delete. */
export interface OutboxEntry {
  table: SyncTable;
  id: string;
  fields: Record<string, FieldWrite>;
  deleted?: string;
}
