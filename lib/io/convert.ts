/**
 * What `npm run -s io -- inspect` prints and what `convert --to json` writes, as functions, so a
 * test can hold one against the other on every file (issue 17: the preview shows exactly what
 * the backup stores). tools/io.ts is their command line.
 */
import type { Backup } from './backup';
import { BACKUP_FORMAT, BACKUP_VERSION } from './backup';
import { recordsFromImport } from './records';
import type { ParsedImport } from './types';

/** The import preview: format, rows, contacts, rejected (with line and reason), then the rest. */
export function importPreview(parsed: ParsedImport) {
  const { format, rows, contacts, rejected, ...rest } = parsed;
  return { format, rows, contacts, rejected: rejected.map(({ line, reason }) => ({ line, reason })), ...rest };
}

/** A parsed file as a backup of new records, as the options page would store them. */
export function backupFromImport(parsed: ParsedImport, schemaVersion: number, now: number = Date.now()): Backup {
  const records = recordsFromImport(parsed, now);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion,
    exportedAt: new Date(now).toISOString(),
    tables: {
      contacts: records.contacts.map(({ profileUrls: _urls, searchTokens: _tokens, ...contact }) => contact),
      interactions: records.interactions,
      deals: records.deals,
      tasks: [],
      meta: [],
      templates: [],
      segments: [],
    },
    settings: {},
  } as Backup;
}
