/**
 * A mark that changes with every committed write to the contacts store, whoever made it (this
 * page, another extension page, the service worker applying a pull, an upgrade): a Dexie
 * middleware puts a fresh token in `meta`, inside the write's own transaction, so the token and
 * the rows commit or roll back together. Whoever reads the same token twice knows that no
 * contact was added, changed or deleted in between, without reading a contact.
 *
 * Why: an import looks each of its keys up again before writing (a contact added since its
 * preview must be merged, not duplicated), one IndexedDB request per key, ~100 µs each in
 * Chromium; for a 10,000-row file that was ~2 s of the import's ~7 s of writes (issue 24). With
 * the mark unchanged since the preview, the lookups can only find what the import wrote itself.
 */
import type { DBCore, Middleware } from 'dexie';
import type { CrmDatabase } from './types';

const MARKED_TABLE = 'contacts';
const META_TABLE = 'meta';
/** The meta row holding the mark (not backed up: lib/io/backup.ts restores listed keys only). */
const CONTACTS_WRITE_MARK = 'writes:contacts';

/** Transactions whose mark is already put: one put per transaction, however many writes it makes. */
const marked = new WeakSet<object>();

function freshToken(): string {
  return crypto.randomUUID();
}

/** Widens read-write transactions over contacts to meta, and puts a fresh mark with their first contacts write. */
export const contactsWriteMarkMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'contacts-write-mark',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.includes(MARKED_TABLE) && !stores.includes(META_TABLE) ? [...stores, META_TABLE] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== MARKED_TABLE) return table;
        return {
          ...table,
          mutate(req) {
            if (marked.has(req.trans)) return table.mutate(req);
            marked.add(req.trans);
            // Issued together, synchronously: the put joins the write's transaction whatever the
            // write's outcome, and an aborted write takes the put with it.
            const mark = down.table(META_TABLE).mutate({ trans: req.trans, type: 'put', values: [{ key: CONTACTS_WRITE_MARK, value: freshToken() }] });
            return Promise.all([table.mutate(req), mark]).then(([response]) => response);
          },
        };
      },
    };
  },
};

/**
 * The current mark: null before any contact was ever written. Inside a transaction it must cover
 * `meta`; read at its start, it says what the transaction sees.
 */
export async function contactsWriteMark(db: CrmDatabase): Promise<string | null> {
  const row = await db.meta.get(CONTACTS_WRITE_MARK);
  return typeof row?.value === 'string' ? row.value : null;
}
