/**
 * The options page's side of an import: the same steps as ImportSession (./import-session.ts),
 * run in a worker (./import-worker.ts) so that the page only shows steps and progress. Where the
 * page has no Worker (unit tests under happy-dom), the session runs on the page instead
 * (./start-import.ts picks).
 *
 * A worker that fails to start or dies rejects every call waiting on it with what it said, and
 * the next call starts a new one. The page kept no copy of the file (its bytes moved to the
 * worker), so the user chooses it again; nothing is written before Confirm, and a write cut
 * short leaves whole contacts (each chunk is one transaction).
 */
import type { CrmDatabase } from '../db';
import { ImportFileError } from './formats';
import type { ImportAnswers, ImportReply, ImportRequest } from './import-protocol';
import { ImportSession, type ImportFile, type ImportProgress, type ImportResult, type PlanPreview, type PreviewOptions, type ReadOptions, type ReadProgress, type ReadSummary } from './import-session';

export interface ImportClient {
  /**
   * Starts the worker and opens the database in it, so that reading a file does not wait for
   * them: the options page asks when the user starts choosing a file (the file dialog takes
   * longer than the ~0.1–0.2 s they take). Once per worker; a failure is the next call's to report.
   */
  warm(): Promise<void>;
  read(file: ImportFile | undefined, options: ReadOptions, onProgress?: (progress: ReadProgress) => void): Promise<ReadSummary>;
  preview(options: PreviewOptions): Promise<PlanPreview>;
  run(onProgress?: (progress: ImportProgress) => void, signal?: AbortSignal): Promise<ImportResult>;
  /** Ends the worker (the page leaves the import). */
  close(): void;
}

interface Waiting {
  resolve: (value: ImportAnswers[keyof ImportAnswers]) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: ReadProgress & ImportProgress) => void;
}

type Ask = Exclude<ImportRequest, { kind: 'cancel' }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the client needs of a worker (a MessagePort does for tests). */
export interface ImportWorker {
  postMessage(message: ImportRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ImportReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'messageerror', listener: () => void): void;
  terminate(): void;
}

/** The client over a worker made by `makeWorker` (the bench makes its own from a bundled script). */
export function workerImportClient(makeWorker: () => ImportWorker): ImportClient {
  let worker: ImportWorker | undefined;
  /** The open request of the current worker, asked once. */
  let opened: Promise<void> | undefined;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const failAll = (message: string) => {
    for (const [, call] of waiting) call.reject(new Error(message));
    waiting.clear();
    worker?.terminate();
    worker = undefined;
    opened = undefined;
  };

  const started = (): ImportWorker => {
    if (worker) return worker;
    const made = makeWorker();
    made.addEventListener('message', (event: MessageEvent<ImportReply>) => {
      const reply = event.data;
      const call = waiting.get(reply.id);
      if (!call) return;
      if (reply.kind === 'progress') return call.onProgress?.(reply.progress as ReadProgress & ImportProgress);
      waiting.delete(reply.id);
      if (reply.kind === 'done') call.resolve(reply.value);
      else call.reject(reply.fileError ? new ImportFileError(reply.message) : new Error(reply.message));
    });
    // A script that would not load or an exception nothing caught: every call waiting is told.
    made.addEventListener('error', (event) => {
      event.preventDefault();
      failAll(`the import worker stopped${event.message ? `: ${event.message}` : ''}`);
    });
    made.addEventListener('messageerror', () => failAll('the import worker sent a message that could not be read'));
    worker = made;
    return made;
  };

  function ask<K extends Ask['kind']>(
    request: DistributiveOmit<Extract<Ask, { kind: K }>, 'id'>,
    { onProgress, signal, transfer = [] }: { onProgress?: Waiting['onProgress']; signal?: AbortSignal; transfer?: Transferable[] } = {},
  ): Promise<ImportAnswers[K & keyof ImportAnswers]> {
    const id = nextId++;
    const target = started();
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve: resolve as Waiting['resolve'], reject, onProgress });
      signal?.addEventListener('abort', () => target.postMessage({ id, kind: 'cancel' }, []), { once: true });
      target.postMessage({ ...request, id } as ImportRequest, transfer);
    });
  }

  return {
    warm: () =>
      (opened ??= ask<'open'>({ kind: 'open' }).then(
        () => undefined,
        () => undefined, // a worker that would not start: failAll told every call, and the next starts another
      )),
    // The file's bytes move to the worker (the page keeps only its name): re-reads use the worker's copy.
    read: (file, options, onProgress) => ask<'read'>({ kind: 'read', ...(file ? { file } : {}), options }, { onProgress, transfer: file ? [file.bytes.buffer] : [] }),
    preview: (options) => ask<'preview'>({ kind: 'preview', options }),
    run: (onProgress, signal) => ask<'run'>({ kind: 'run' }, { onProgress, signal }),
    close: () => failAll('the import was closed'),
  };
}

/** The session on the page's own thread: where there is no Worker. */
export function inPageImportClient(db: () => CrmDatabase): ImportClient {
  const session = new ImportSession(db);
  return {
    warm: () =>
      db()
        .open()
        .then(
          () => undefined,
          () => undefined, // the read or preview that follows reports it
        ),
    read: (file, options, onProgress) => session.read(file, options, onProgress),
    preview: (options) => session.preview(options),
    run: (onProgress, signal) => session.run(onProgress, signal),
    close: () => undefined,
  };
}
