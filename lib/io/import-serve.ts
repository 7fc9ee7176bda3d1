/**
 * The worker's side of an import (./import-worker.ts runs it on the worker's global scope): one
 * ImportSession (./import-session.ts) answering the page's requests (./import-client.ts).
 * Progress and answers go back as messages. A cancel aborts the write under way (it stops after
 * the batch being written, as on the page).
 */
import type { CrmDatabase } from '../db';
import { ImportFileError } from './formats';
import type { ImportReply, ImportRequest } from './import-protocol';
import { ImportSession, type ImportProgress, type ReadProgress } from './import-session';

/** Where requests come from and replies go: a worker's global scope, or a MessagePort. */
export interface ImportEndpoint {
  postMessage(message: ImportReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ImportRequest>) => void): void;
}

export function serveImports(endpoint: ImportEndpoint, db: () => CrmDatabase): void {
  const session = new ImportSession(db);
  const running = new Map<number, AbortController>();
  const reply = (message: ImportReply) => endpoint.postMessage(message);

  async function answer(request: Exclude<ImportRequest, { kind: 'cancel' }>): Promise<void> {
    const progress = (value: ReadProgress | ImportProgress) => reply({ id: request.id, kind: 'progress', progress: value });
    try {
      switch (request.kind) {
        case 'open':
          await db().open();
          reply({ id: request.id, kind: 'done', value: true });
          return;
        case 'read':
          reply({ id: request.id, kind: 'done', value: await session.read(request.file, request.options, progress) });
          return;
        case 'preview':
          reply({ id: request.id, kind: 'done', value: await session.preview(request.options) });
          return;
        case 'run': {
          const controller = new AbortController();
          running.set(request.id, controller);
          try {
            reply({ id: request.id, kind: 'done', value: await session.run(progress, controller.signal) });
          } finally {
            running.delete(request.id);
          }
          return;
        }
      }
    } catch (failure) {
      reply({ id: request.id, kind: 'failed', message: failure instanceof Error ? failure.message : String(failure), fileError: failure instanceof ImportFileError });
    }
  }

  // addEventListener, not onmessage: a parser library that finds itself in a worker may claim onmessage.
  endpoint.addEventListener('message', (event) => {
    const request = event.data;
    if (request.kind === 'cancel') running.get(request.id)?.abort();
    else void answer(request);
  });
}
