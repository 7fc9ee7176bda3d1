/**
 * The import's second look at its keys, just before it writes a chunk: a contact stored since
 * the preview that shares a key with a person planned as new must get that person merged in, not
 * duplicated. Looking every key up again costs one IndexedDB request per key (~100 µs each in
 * Chromium; ~2 s of a 10,000-row import), so it is skipped while the contacts' write mark
 * (lib/db/write-marks.ts) is the one the import last saw: then no one else wrote a contact since
 * the preview, and the only stored contacts the lookups could find are the ones the import wrote
 * itself (a person planned as new shares no key with a contact stored at the preview: it would
 * have been planned as a merge). Those are answered from memory, as the lookups would answer:
 * which id holds each key is remembered (ids only, so a large import keeps no rows alive), and the
 * few rows a chunk meets are read by id. Once the mark moves under it, every later chunk looks its
 * keys up again.
 */
import { contactsWriteMark, type CrmDatabase } from '../db';
import type { Contact } from '../model';
import { storedContactsByKey } from './import-plan';
import { storedKeys } from './records';

export class ImportRecheck {
  /** Per key, the smallest id of the contacts the import wrote with it (storedContactsByKey's choice). */
  private readonly written = new Map<string, string>();
  /** The mark as the import left it; undefined once someone else wrote (or the plan had none). */
  private expected: string | null | undefined;

  constructor(
    private readonly db: CrmDatabase,
    plannedMark: string | null | undefined,
  ) {
    this.expected = plannedMark;
  }

  /**
   * Inside a chunk's transaction (covering contacts and meta), before its writes: the stored
   * live contacts by identity key, as storedContactsByKey finds them. `storedCount`: its hint.
   */
  async storedByKey(identity: readonly string[], storedCount: number): Promise<Map<string, Contact>> {
    if (this.expected !== undefined && (await contactsWriteMark(this.db)) === this.expected) {
      const idByKey = identity.flatMap((key) => {
        const id = this.written.get(key);
        return id === undefined ? [] : [[key, id] as const];
      });
      if (idByKey.length === 0) return new Map();
      const ids = [...new Set(idByKey.map(([, id]) => id))];
      const rows = new Map((await this.db.contacts.bulkGet(ids)).flatMap((row) => (row && !row.deletedAt ? [[row.id, row] as const] : [])));
      return new Map(idByKey.flatMap(([key, id]) => (rows.has(id) ? [[key, rows.get(id)!] as const] : [])));
    }
    this.expected = undefined;
    return storedContactsByKey(this.db, identity, storedCount);
  }

  /** Contacts the chunk's transaction has queued for writing (new ones and merges). */
  remember(contacts: readonly Contact[]): void {
    if (this.expected === undefined) return;
    for (const contact of contacts) {
      for (const key of storedKeys(contact)) {
        const held = this.written.get(key);
        if (held === undefined || contact.id < held) this.written.set(key, contact.id);
      }
    }
  }

  /** At the end of a chunk's transaction, after its writes: the mark they left is the import's own. */
  async settle(): Promise<void> {
    if (this.expected !== undefined) this.expected = await contactsWriteMark(this.db);
  }
}
