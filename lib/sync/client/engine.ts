/**
 * One sync run, as the background service worker performs it: on the first sync of a workspace
 * upload every local row; push the outbox; pull since the stored cursor until the server has no
 * more, applying each page in one transaction with its cursor. Every step saves its progress
 * before the next, so a service worker stopped at any point resumes with nothing lost (the
 * outbox keeps unconfirmed changes) or duplicated (the server skips mutation ids it has seen).
 */
import type { CrmDatabase } from '../../db/database';
import { applyPulledRows, prepareNewRows } from './apply-pulled';
import { FirstPullIds } from './first-pull-ids';
import { ApplySlices } from './apply-slices';
import { uploadAll } from './initial-upload';
import type { PullReply, RejectedChange } from '../shared/protocol';
import { pushOutbox } from './push-outbox';
import { SyncError, type SyncTransport } from './transport';
import { SYNC_TABLES } from '../shared/tables';

export interface SyncTarget {
  workspace: string;
  /** This browser's id for the server's mutation dedupe: stable per browser profile. */
  clientId: string;
}

/** `rewrite`: an encrypted workspace's values re-encoded in place (./rewrite-pass.ts), counted in values. */
export type SyncPhase = 'upload' | 'push' | 'pull' | 'rewrite';

export interface SyncProgress {
  phase: SyncPhase;
  done: number;
  /** Known for upload and push; for a pull, an upper bound when the server told its cursor. */
  total?: number;
  /**
   * A pull of more than one page (a first sync, or a browser long offline): extension pages hold
   * their live queries until the run ends, instead of re-running them after every page.
   */
  bulk?: true;
}

export interface SyncRun {
  uploaded: number;
  pushed: number;
  pulled: number;
  /** Pulled rows that could not be stored locally (invalid for this version's data model). */
  invalid: number;
  rejected: RejectedChange[];
}

export const cursorKey = (workspace: string) => `sync:cursor:${workspace}`;

export async function readCursor(db: CrmDatabase, workspace: string): Promise<number> {
  const value = (await db.meta.get(cursorKey(workspace)))?.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

export interface SyncOptions {
  onProgress?: (progress: SyncProgress) => void;
  now?: () => number;
  pullLimit?: number;
  /**
   * Whether a page that reads the book as the user types is open (the background asks the
   * browser); pulled rows are then applied in short transactions it waits little behind
   * (./apply-slices.ts). Absent: assumed open.
   */
  readerOpen?: () => boolean;
  /** How the apply's transactions are sized; a fresh one per run unless given (tests hand in a trained one). */
  slices?: ApplySlices;
}

export async function syncOnce(db: CrmDatabase, transport: SyncTransport, target: SyncTarget, options: SyncOptions = {}): Promise<SyncRun> {
  const now = options.now ?? Date.now;
  const report = options.onProgress ?? (() => undefined);
  const run: SyncRun = { uploaded: 0, pushed: 0, pulled: 0, invalid: 0, rejected: [] };

  // A push the server refuses must not stop this browser from receiving the others' changes:
  // the failure is kept, the pull runs, and then the failure is reported (the outbox keeps what
  // was not confirmed, for the next run).
  let sendFailure: unknown;
  try {
    const upload = await uploadAll(db, transport, target.workspace, target.clientId, (done, total) => report({ phase: 'upload', done, total }), now);
    run.uploaded = upload.uploaded;
    run.rejected.push(...upload.rejected);
    const push = await pushOutbox(db, transport, target.clientId, (done, total) => report({ phase: 'push', done, total }));
    run.pushed = push.pushed;
    run.rejected.push(...push.rejected);
  } catch (error) {
    sendFailure = error;
  }

  try {
    await pullAll(db, transport, target, run, report, options, now);
  } catch (error) {
    throw sendFailure ?? error;
  }
  if (sendFailure !== undefined) throw sendFailure;
  return run;
}

/** Pulls pages since the saved cursor until the server has no more, applying each with its cursor. */
async function pullAll(
  db: CrmDatabase,
  transport: SyncTransport,
  target: SyncTarget,
  run: SyncRun,
  report: (progress: SyncProgress) => void,
  options: SyncOptions,
  now: () => number,
): Promise<void> {
  let resynced = false;
  // The next page is asked for while this one is applied: the request, and in an encrypted
  // workspace the opening of its values, overlap IndexedDB's work instead of following it.
  // Rows new to this browser are also worked out as their page arrives (prepareNewRows), which is
  // while the page before is being written: that work leaves the apply's transactions.
  const firstPage = transport.pull(await readCursor(db, target.workspace), options.pullLimit);
  firstPage.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
  // Tables with no row yet (a new profile's first sync): rows this pull has not written are new.
  const emptyAtStart = await Promise.all(SYNC_TABLES.map(async (table) => ((await db.table(table).limit(1).primaryKeys()).length === 0 ? [table] : [])));
  const firstPull = new FirstPullIds(emptyAtStart.flat());
  const withNewRowsPrepared = (reply: Promise<PullReply>) => {
    const page = reply.then((pulled) => ({ ...pulled, prepared: prepareNewRows(pulled.changes, firstPull) }));
    page.catch(() => undefined); // as above
    return page;
  };
  const request = (from: number) => withNewRowsPrepared(transport.pull(from, options.pullLimit));
  let next = withNewRowsPrepared(firstPage);
  let bulk = false;
  const slices = options.slices ?? new ApplySlices();
  for (;;) {
    let page;
    try {
      page = await next;
    } catch (error) {
      // 410: our cursor is older than the server's tombstone horizon. Pull everything again;
      // rows merge as usual, so nothing local is lost.
      if (error instanceof SyncError && error.kind === 'resync' && !resynced) {
        resynced = true;
        next = request(0);
        continue;
      }
      throw error;
    }
    if (page.hasMore) next = request(page.cursor);
    // Said before the first of many pages is applied, so the panel holds its queries from the start.
    if (page.hasMore && !bulk) {
      bulk = true;
      report({ phase: 'pull', done: run.pulled, bulk: true });
    }
    // One transaction per slice, the cursor saved with the last; slices sized to end quickly while
    // the panel is open, since its searches wait for the one in progress (./apply-slices.ts).
    for (let start = 0; start < Math.max(1, page.changes.length); ) {
      const rows = page.changes.slice(start, start + slices.sizeFor(options.readerOpen?.() ?? true));
      start += rows.length || 1;
      const last = start >= page.changes.length;
      const began = performance.now();
      const applied = await applyPulledRows(db, rows, last ? { key: cursorKey(target.workspace), value: page.cursor } : undefined, now(), firstPull, page.prepared);
      slices.took(rows.length, performance.now() - began);
      run.invalid += applied.invalid;
    }
    run.pulled += page.changes.length;
    report({ phase: 'pull', done: run.pulled, ...(page.hasMore ? {} : { total: run.pulled }), ...(bulk ? { bulk: true as const } : {}) });
    if (!page.hasMore) break;
  }
}
