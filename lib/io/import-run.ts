/**
 * Carries out a confirmed import plan (import-plan.ts): people first, then contacts for customer
 * ids and for purchase emails that matched nobody, then purchases as won deals through lib/db's
 * addDeal (which bumps the won-deal revision, so the value model recomputes, and keeps activity
 * facts).
 *
 * Work goes in chunks, one Dexie transaction each, with a pause between chunks; inside a chunk,
 * people are made into rows and queued a slice at a time (WRITE_SLICE), so the page is never
 * held for long (issue 24: no pause over 50 ms). Cancelling stops after the chunk being written:
 * each chunk holds whole people with their notes, or whole purchases, so what was written is
 * consistent; the rest is simply not imported (importing the same file again finishes the job:
 * what is already stored is skipped).
 *
 * The plan may be minutes old when confirmed, so each chunk looks again: a contact planned as new
 * that now matches a stored one (added meanwhile in the side panel) is merged into it instead,
 * and a merge re-reads the stored contact, so nothing typed since the preview is overwritten.
 * The second look goes to IndexedDB only once someone else has written a contact since the
 * preview (import-recheck.ts).
 */
import { addDeal, recordInteractions, type CrmDatabase } from '../db';
import { type Contact, type Interaction } from '../model';
import { yieldToPage } from './yield-to-page';
import type { ImportPlan, PlannedContact } from './import-plan';
import { ImportRecheck } from './import-recheck';
import {
  ContactOverLimit,
  contactFromImported,
  customerContact,
  dealInputFromTransaction,
  emailCustomerContact,
  identityKeys,
  importedKeys,
  mergeImportedIntoContact,
  noteInteraction,
} from './records';
import type { RejectedRow } from './types';

export interface ImportProgress {
  phase: 'contacts' | 'purchases';
  done: number;
  total: number;
}

export interface ImportResult {
  created: number;
  merged: number;
  /** Planned skips, plus people who turned out to have nothing new when written. */
  skipped: number;
  notes: number;
  deals: number;
  customers: number;
  /** Contacts made from purchase rows (createFromPurchases). */
  fromPurchases: number;
  rejected: RejectedRow[];
  cancelled: boolean;
}

export interface RunOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** People or purchases per transaction (each transaction's commit costs IndexedDB a few ms). */
  chunkSize?: number;
  /** People made and queued at once inside a transaction (WRITE_SLICE). */
  sliceSize?: number;
  now?: number;
}

/**
 * People per transaction by default. A transaction holds the contacts store: the side panel's
 * reads wait for it, so it stays a quarter of a second or so (more people per transaction saved
 * only their commits, ~5 ms each).
 */
export const WRITE_CHUNK = 250;
/**
 * People whose rows are made and queued at once inside a transaction. IndexedDB copies a row on
 * the page as it is put (~0.1–0.2 ms for a contact), so this, not the transaction's size, bounds
 * how long the page pauses: a slice is queued when the one before the last is written, which lets
 * the page paint and respond in between while the transaction stays open.
 */
export const WRITE_SLICE = 50;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export async function runImport(db: CrmDatabase, plan: ImportPlan, options: RunOptions = {}): Promise<ImportResult> {
  const now = options.now ?? Date.now();
  const size = options.chunkSize ?? WRITE_CHUNK;
  const slice = options.sliceSize ?? WRITE_SLICE;
  const result: ImportResult = {
    created: 0,
    merged: 0,
    skipped: plan.counts.skip,
    notes: 0,
    deals: 0,
    customers: 0,
    fromPurchases: 0,
    rejected: [...plan.rejected],
    cancelled: false,
  };
  const people = plan.contacts.filter((entry) => entry.action !== 'skip');
  const total = people.length + plan.customers.length + plan.fromPurchases.length + plan.transactions.length;
  let done = 0;
  /** A planned new contact that was merged into a stored one instead: planned id → stored id. */
  const redirected = new Map<string, string>();
  const report = (phase: ImportProgress['phase']) => options.onProgress?.({ phase, done, total });
  /**
   * Contacts stored before the import, counted once; with what it wrote since, how the duplicate
   * lookups choose their way (a hint: a contact added or deleted meanwhile elsewhere changes only
   * which way, not what they find).
   */
  const storedCount = await db.contacts.count();
  const storedSoFar = () => storedCount + result.created + result.customers + result.fromPurchases;
  const recheck = new ImportRecheck(db, plan.contactsMark);
  report('contacts');

  async function writePeople(chunk: readonly PlannedContact[]): Promise<void> {
    await db.transaction('rw', db.contacts, db.interactions, db.activity, db.meta, async () => {
      const keys = chunk.map((entry) => identityKeys(importedKeys(entry.imported)));
      const storedNow = await recheck.storedByKey(keys.flat(), storedSoFar());
      // Merges re-read their stored contact; a chunk of new people reads nothing here.
      const mergeIds = chunk.flatMap((entry) => (entry.action === 'merge' ? [entry.contactId!] : []));
      const storedById = new Map((mergeIds.length > 0 ? await db.contacts.bulkGet(mergeIds) : []).flatMap((row) => (row ? [[row.id, row] as const] : [])));
      const planned = chunk.map((entry) => (entry.action === 'merge' ? storedById.get(entry.contactId!) : undefined));
      // One slice is always queued ahead of the one being waited for: IndexedDB writes the next
      // while the page makes the one after, instead of each waiting for the other.
      // The first two slices are half size: they are queued together (nothing is ahead of them yet).
      let ahead: Promise<void> | undefined;
      for (let start = 0, count = 0; start < chunk.length; count++) {
        const end = Math.min(start + (count < 2 ? Math.ceil(slice / 2) : slice), chunk.length);
        const queued = writeSlice(chunk, keys, planned, storedNow, start, end);
        start = end;
        // Awaited below; a failure meanwhile aborts the transaction, and the one awaited throws.
        queued.catch(() => undefined);
        if (ahead) await ahead;
        ahead = queued;
      }
      await ahead;
      await recheck.settle();
    });
  }

  /**
   * People start..end of a chunk, inside its transaction: rows made and queued before this
   * returns (synchronously), then written together.
   */
  async function writeSlice(
    chunk: readonly PlannedContact[],
    keys: readonly string[][],
    planned: ReadonlyArray<Contact | undefined>,
    storedNow: ReadonlyMap<string, Contact>,
    start: number,
    end: number,
  ): Promise<void> {
    /** Stored contacts with the file's changes merged in: put. */
    const contacts: Contact[] = [];
    /** Contacts made here, with fresh ids: added, so the outbox reads no old rows for them. */
    const created: Contact[] = [];
    const notes: Interaction[] = [];
    for (let index = start; index < end; index++) {
      const entry = chunk[index]!;
      let target: Contact | undefined;
      if (entry.action === 'merge') {
        target = planned[index];
        if (!target || target.deletedAt) target = undefined;
      } else {
        target = keys[index]!.map((key) => storedNow.get(key)).find(Boolean);
        if (target) redirected.set(entry.contactId!, target.id);
      }
      let contactId: string;
      if (target) {
        let merged: Contact | null;
        try {
          merged = mergeImportedIntoContact(target, entry.imported, { updateExisting: plan.updateExisting }, now);
        } catch (error) {
          if (!(error instanceof ContactOverLimit)) throw error;
          result.rejected.push({ line: entry.line, reason: error.message });
          continue;
        }
        if (merged) contacts.push(merged);
        contactId = target.id;
        if (merged || entry.imported.note?.trim()) result.merged += 1;
        else result.skipped += 1;
      } else {
        contactId = entry.contactId!;
        try {
          created.push(contactFromImported(entry.imported, contactId, plan.format, now));
        } catch (error) {
          if (!(error instanceof ContactOverLimit)) throw error;
          result.rejected.push({ line: entry.line, reason: error.message });
          continue;
        }
        result.created += 1;
      }
      const note = entry.imported.note?.trim();
      if (note) notes.push(noteInteraction(contactId, note, now));
    }
    // Issued together: IndexedDB runs them in order without waiting for the page in between.
    const written = Promise.all([
      contacts.length > 0 ? db.contacts.bulkPut(contacts) : undefined,
      created.length > 0 ? db.contacts.bulkAdd(created) : undefined,
      db.interactions.bulkAdd(notes),
      recordInteractions(db, notes, now),
    ]);
    recheck.remember(contacts);
    recheck.remember(created);
    await written;
    result.notes += notes.length;
    done += end - start;
    report('contacts');
  }

  for (const chunk of chunks(people, size)) {
    if (options.signal?.aborted) return { ...result, cancelled: true };
    await writePeople(chunk);
    await yieldToPage();
  }

  for (const chunk of chunks(plan.customers, size)) {
    if (options.signal?.aborted) return { ...result, cancelled: true };
    await db.transaction('rw', db.contacts, db.meta, async () => {
      const contacts = chunk.map(({ customerId, contactId }) => customerContact(customerId, contactId, plan.format, now));
      await db.contacts.bulkPut(contacts);
      recheck.remember(contacts);
      await recheck.settle();
    });
    result.customers += chunk.length;
    done += chunk.length;
    report('purchases');
    await yieldToPage();
  }

  // Contacts from purchase rows: one with the email may have been added since the preview, and
  // then gets the purchases instead of a second contact.
  for (const chunk of chunks(plan.fromPurchases, size)) {
    if (options.signal?.aborted) return { ...result, cancelled: true };
    await db.transaction('rw', db.contacts, db.meta, async () => {
      const storedNow = await recheck.storedByKey(chunk.map(({ email }) => `email:${email}`), storedSoFar());
      const fresh = chunk.filter(({ email, contactId }) => {
        const existing = storedNow.get(`email:${email}`);
        if (existing) redirected.set(contactId, existing.id);
        return !existing;
      });
      const contacts = fresh.map(({ email, name, contactId }) => emailCustomerContact(email, contactId, plan.format, now, name));
      await db.contacts.bulkPut(contacts);
      recheck.remember(contacts);
      await recheck.settle();
      result.fromPurchases += fresh.length;
    });
    done += chunk.length;
    report('purchases');
    await yieldToPage();
  }

  for (const chunk of chunks(plan.transactions, size)) {
    if (options.signal?.aborted) return { ...result, cancelled: true };
    await db.transaction('rw', [db.contacts, db.deals, db.meta, db.activity], async () => {
      const contactIds = chunk.map(({ target }) => redirected.get(target.contactId) ?? target.contactId);
      const contacts = await db.contacts.bulkGet(contactIds);
      for (const [index, { transaction }] of chunk.entries()) {
        // Deleted since the preview: addDeal would refuse it and abort the whole chunk.
        if (!contacts[index] || contacts[index].deletedAt) {
          result.rejected.push({ line: transaction.line, reason: 'Its contact was deleted while the import ran.' });
          continue;
        }
        await addDeal(db, dealInputFromTransaction(contactIds[index]!, transaction, plan.format), now);
        result.deals += 1;
      }
    });
    done += chunk.length;
    report('purchases');
    await yieldToPage();
  }
  return result;
}
