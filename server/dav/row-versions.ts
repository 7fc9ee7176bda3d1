/**
 * What the address book needs to list a stored contact (its ETag, whether it is in the trash,
 * its owner), remembered by the row's cursor: every write to a row gives it a new cursor, so a
 * row read again at the same cursor is the same version. A full sync-collection or multiget then
 * parses only rows written since the last client asked, not all 10,000 of them (JSON parsing and
 * the ETag's digest were most of a warm full sync's server time). The fields themselves are
 * parsed on demand, when a card must be rendered (../dav/card-cache.ts keeps rendered cards).
 * One per store; bounded, least recently used first (./recently-used.ts), ~200 bytes an entry.
 */
import { type StoredFields, etagOf, isTrashed } from './contact-vcard';
import { RecentlyUsed } from './recently-used';

/** A stored contact row as the address book sees it. */
export interface DavContactRow {
  id: string;
  etag: string;
  trashed: boolean;
  /** The `ownerId` field's value (a card names the owner). */
  ownerId: string | undefined;
  /** Whether fields() can answer: false for a row listed without its fields (RowVersions.known). */
  hasFields: boolean;
  /** The row's fields, parsed on first use; throws for a row listed without them. */
  fields(): StoredFields;
}

/** A row listed by its cursor alone: what it is at that cursor is known, its fields were not read. */
export class FieldsNotReadError extends Error {
  constructor(id: string) {
    super(`contact ${id} was listed without its fields: read it with them before rendering its card`);
    this.name = 'FieldsNotReadError';
  }
}

interface Version {
  cursor: number;
  etag: string;
  trashed: boolean;
  ownerId: string | undefined;
  /** The row without its fields, made once: a warm listing hands out 10,000 of them. */
  listed?: DavContactRow;
}

const MAX_ROWS = 200_000;

export class RowVersions {
  private readonly versions = new RecentlyUsed<string, Version>(MAX_ROWS);

  /** The row `id` of `workspace` as stored at `cursor`, its fields as stored JSON text. */
  row(workspace: string, id: string, cursor: number, text: string): DavContactRow {
    let parsed: StoredFields | undefined;
    const fields = () => (parsed ??= JSON.parse(text) as StoredFields);
    const key = `${workspace}\n${id}`;
    let version = this.versions.get(key);
    if (version?.cursor !== cursor) {
      const stored = fields();
      const ownerId = stored.ownerId?.value;
      version = { cursor, etag: etagOf(stored), trashed: isTrashed(stored), ownerId: typeof ownerId === 'string' ? ownerId : undefined };
      this.versions.set(key, version);
    }
    return { id, etag: version.etag, trashed: version.trashed, ownerId: version.ownerId, hasFields: true, fields };
  }

  /**
   * The row `id` as remembered at `cursor`, without its fields; undefined when it was not read at
   * that cursor. A listing reads cursors first and fields only for the rows this answers
   * undefined for: a warm full sync then moves ids and cursors out of the database, not 10,000
   * rows of JSON.
   */
  known(workspace: string, id: string, cursor: number): DavContactRow | undefined {
    const key = `${workspace}\n${id}`;
    const version = this.versions.get(key);
    if (version?.cursor !== cursor) return undefined;
    return (version.listed ??= {
      id,
      etag: version.etag,
      trashed: version.trashed,
      ownerId: version.ownerId,
      hasFields: false,
      fields: () => {
        throw new FieldsNotReadError(id);
      },
    });
  }
}
