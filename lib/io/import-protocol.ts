/**
 * What the options page and the import worker (./import-worker.ts) say to each other. Both are
 * this extension's own code on its own origin: the worker is created by the page and reachable
 * by nothing else, so these are typed, not parsed as untrusted input.
 */
import type { ImportFile, ImportProgress, ImportResult, PlanPreview, PreviewOptions, ReadOptions, ReadProgress, ReadSummary } from './import-session';

export type ImportRequest =
  /** Open the database before a file comes (the page asks when the user starts choosing one). */
  | { id: number; kind: 'open' }
  | { id: number; kind: 'read'; file?: ImportFile; options: ReadOptions }
  | { id: number; kind: 'preview'; options: PreviewOptions }
  | { id: number; kind: 'run' }
  | { id: number; kind: 'cancel' };

export interface ImportAnswers {
  open: true;
  read: ReadSummary;
  preview: PlanPreview;
  run: ImportResult;
}

export type ImportReply =
  | { id: number; kind: 'progress'; progress: ReadProgress | ImportProgress }
  | { id: number; kind: 'done'; value: ImportAnswers[keyof ImportAnswers] }
  /** `fileError`: the file itself could not be read (an ImportFileError), as opposed to a failure. */
  | { id: number; kind: 'failed'; message: string; fileError: boolean };
