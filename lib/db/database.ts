import Dexie from 'dexie';
import { upgradeActivityFromV1 } from './activity';
import { lastTouchOf } from '../cadences/last-touch';
import { outboxMiddleware } from './outbox';
import { contactsWriteMarkMiddleware } from './write-marks';
import { keptReadsMiddleware } from './queries/segment-keys';
import type { CrmDatabase } from './types';

export type { CrmDatabase, MetaRow } from './types';


export const DATABASE_NAME = 'sidebar-crm';

/**
 * The schema, version by version. A later change is a new `db.version(n)` with an upgrade
 * function and a test that upgrades real data of the version before; never edit a shipped one.
 */
export function openCrmDatabase(name: string = DATABASE_NAME): CrmDatabase {
  const db = new Dexie(name) as CrmDatabase;
  db.version(1).stores({
    contacts: 'id, *emails, *profileUrls, *searchTokens, *tags, stage, updatedAt',
    interactions: 'id, contactId, [contactId+at], externalId',
    deals: 'id, contactId, [contactId+at], status',
    tasks: 'id, contactId, dueAt, doneAt',
    values: 'contactId, tier',
    meta: 'key',
  });
  // Version 2: activity facts, computed from the version-1 interactions and deals on upgrade.
  db.version(2)
    .stores({ activity: 'contactId, lastContactedAt, recentTouchesFrom, openDealValue, wonValue' })
    .upgrade((tx) => upgradeActivityFromV1(tx));
  // Version 3: phones indexed, so duplicates sharing a phone are found without a scan
  // (lib/db/duplicates.ts). Dexie builds the new index from the stored rows; no data changes.
  db.version(3).stores({ contacts: 'id, *emails, *phones, *profileUrls, *searchTokens, *tags, stage, updatedAt' });
  // Version 4: the sync outbox. Rows written before it are not in it: the first sync of a
  // workspace uploads every row (lib/sync/client/initial-upload.ts), so nothing is lost.
  db.version(4).stores({ outbox: '[table+id]' });
  // Version 5: message templates, listed by name (a new table: no rows to change); and the
  // pipeline places indexed (contacts' pipelineStage, deals' stage), so the board reads a
  // pipeline's cards without a scan. Dexie builds the new indexes from the stored rows.
  db.version(5).stores({
    templates: 'id, name',
    contacts: 'id, *emails, *phones, *profileUrls, *searchTokens, *tags, stage, updatedAt, pipelineStage',
    deals: 'id, contactId, [contactId+at], status, stage',
  });
  // Version 6: contacts indexed by owner (issue 18), so "Dana's contacts" is read without a scan.
  // Dexie builds the index from the stored rows (none has an owner before this version).
  db.version(6).stores({
    contacts: 'id, *emails, *phones, *profileUrls, *searchTokens, *tags, stage, updatedAt, pipelineStage, ownerId',
  });
  // Version 7: saved segments (issue 22), listed by name (a new table: no rows to change); and
  // contacts indexed by deletedAt, so a segment is counted from index keys alone, the few deleted
  // contacts taken out without reading every row. Dexie builds the index from the stored rows.
  db.version(7).stores({
    segments: 'id, name',
    contacts: 'id, *emails, *phones, *profileUrls, *searchTokens, *tags, stage, updatedAt, pipelineStage, ownerId, deletedAt',
  });
  // Version 8: open follow-ups indexed through the derived `openDueAt` key (lib/db/task-keys.ts),
  // since no index finds an undefined `doneAt`; the upgrade sets it on the open tasks already
  // stored. It is not a synced field, so the outbox records nothing for these writes.
  db.version(8)
    .stores({ tasks: 'id, contactId, dueAt, doneAt, openDueAt' })
    .upgrade((tx) =>
      tx
        .table('tasks')
        .toCollection()
        .modify((task: { doneAt?: number; dueAt: number; openDueAt?: number }) => {
          if (task.doneAt === undefined) task.openDueAt = task.dueAt;
        }),
    );
  // Version 9 (issue 22, keep-in-touch cadences, planned in lib/db/queries/cadences.ts): contacts
  // indexed by their own cadence, so the few with one are read without a scan (none has one
  // before this version); and activity indexed by the last touch of any kind, so 100,000 clocks
  // are read as index keys, not rows. The upgrade sets it on the rows already stored: the latest
  // of the last contact and the recent (90-day) touches, all they kept.
  db.version(9)
    .stores({
      contacts: 'id, *emails, *phones, *profileUrls, *searchTokens, *tags, stage, updatedAt, pipelineStage, ownerId, deletedAt, cadenceDays',
      activity: 'contactId, lastContactedAt, recentTouchesFrom, openDealValue, wonValue, lastTouchedAt',
    })
    .upgrade((tx) =>
      tx
        .table('activity')
        .toCollection()
        .modify((facts: { lastContactedAt?: number; lastTouchedAt?: number; recentTouches: number[] }) => {
          const last = lastTouchOf(facts);
          if (last !== undefined) facts.lastTouchedAt = last;
        }),
    );
  // Every write to a synced table records its changes in the outbox, in the same transaction.
  db.use(outboxMiddleware);
  // Every write to contacts changes a mark in meta, in the same transaction (./write-marks.ts).
  db.use(contactsWriteMarkMiddleware);
  // The live segment counts' kept index keys hear this page's writes as they are issued (./queries/segment-keys.ts).
  db.use(keptReadsMiddleware);
  return db;
}

let shared: CrmDatabase | undefined;

/** The one database an extension page or the service worker uses. */
export function crmDatabase(): CrmDatabase {
  shared ??= openCrmDatabase();
  return shared;
}
