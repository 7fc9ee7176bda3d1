import Dexie from 'dexie';

/**
 * The schema versions as they shipped (lib/db/database.ts), written out here on purpose: an
 * upgrade test must start from what users' browsers hold, not from today's code. A new version
 * is added here only once it has shipped.
 */
const SHIPPED: ReadonlyArray<Record<string, string>> = [
  {
    contacts: 'id, *emails, *profileUrls, *searchTokens, *tags, stage, updatedAt',
    interactions: 'id, contactId, [contactId+at], externalId',
    deals: 'id, contactId, [contactId+at], status',
    tasks: 'id, contactId, dueAt, doneAt',
    values: 'contactId, tier',
    meta: 'key',
  },
  { activity: 'contactId, lastContactedAt, recentTouchesFrom, openDealValue, wonValue' },
  { contacts: 'id, *emails, *phones, *profileUrls, *searchTokens, *tags, stage, updatedAt' },
  { outbox: '[table+id]' },
  {
    templates: 'id, name',
    contacts: 'id, *emails, *phones, *profileUrls, *searchTokens, *tags, stage, updatedAt, pipelineStage',
    deals: 'id, contactId, [contactId+at], status, stage',
  },
];

/** How many schema versions have shipped (the current one included once it has). */
export const SHIPPED_VERSIONS = SHIPPED.length;

/** A Dexie for the database `name` at schema `version` (1–5) exactly as shipped, without the outbox middleware. */
export function openShippedVersion(name: string, version: number): Dexie {
  if (version < 1 || version > SHIPPED.length) throw new Error(`no shipped schema version ${version} is written out here`);
  const db = new Dexie(name);
  SHIPPED.slice(0, version).forEach((stores, index) => db.version(index + 1).stores(stores));
  return db;
}
