/**
 * One import, file to result, in whichever thread runs it: parse (parseImportFile) → preview
 * (planImport) → write (runImport). The session holds the file, what was parsed and the plan,
 * and hands out only what the page shows: the options page runs it in a worker
 * (./import-worker.ts, reached through ./import-client.ts), so parsing 10,000 rows, planning them
 * and the garbage they leave never hold the page (issue 24: with the work on the page's own
 * thread, its collections paused it for up to 386 ms). Where there is no worker (unit tests), the
 * same session runs on the page.
 */
import type { CrmDatabase } from '../db';
import { parseImportFile } from './formats';
import { planImport, type ImportPlan } from './import-plan';
import { runImport, type ImportProgress, type ImportResult } from './import-run';
import type { ColumnMapping, ImportFormat, ParsedImport } from './types';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** What reading a file gave, without its people and purchases (they stay with the session). */
export interface ReadSummary {
  format: ImportFormat;
  rows: number;
  /** For a CSV of unknown layout: its headers and the mapping that was guessed or given. */
  headers?: string[];
  mapping?: ColumnMapping;
}

/** What the preview shows of a plan: its counts and remarks, not the planned rows. */
export type PlanPreview = Pick<ImportPlan, 'format' | 'updateExisting' | 'rows' | 'createFromPurchases' | 'missingEmails' | 'rejected' | 'notices' | 'counts'> & {
  /** Purchases the file holds (planned to a contact or not). */
  transactions: number;
  /** Whether any contact made from purchase rows would get a name from the file. */
  fromPurchasesNamed: boolean;
};

export interface ReadOptions {
  mapping?: ColumnMapping;
  defaultCurrency?: string;
}

export interface PreviewOptions {
  updateExisting: boolean;
  createFromPurchases: boolean;
}

export interface ReadProgress {
  processed: number;
  total: number;
}

/** The parts of a plan the page shows. */
export function previewOf(plan: ImportPlan): PlanPreview {
  const { format, updateExisting, rows, createFromPurchases, missingEmails, rejected, notices, counts } = plan;
  return {
    format,
    updateExisting,
    rows,
    createFromPurchases,
    missingEmails,
    rejected,
    notices,
    counts,
    transactions: plan.transactions.length,
    fromPurchasesNamed: plan.fromPurchases.some((made) => made.name !== undefined),
  };
}

export class ImportSession {
  private file: ImportFile | undefined;
  private parsed: ParsedImport | undefined;
  private plan: ImportPlan | undefined;

  constructor(private readonly db: () => CrmDatabase) {}

  /** Reads `file` (or, without one, the file read before, with another mapping or currency). */
  async read(file: ImportFile | undefined, options: ReadOptions, onProgress?: (progress: ReadProgress) => void): Promise<ReadSummary> {
    if (file) this.file = file;
    if (!this.file) throw new Error('no file was chosen');
    this.plan = undefined;
    this.parsed = undefined;
    const parsed = await parseImportFile(this.file.bytes, { fileName: this.file.name, ...options, onProgress });
    this.parsed = parsed;
    return { format: parsed.format, rows: parsed.rows, ...(parsed.headers ? { headers: parsed.headers } : {}), ...(parsed.mapping ? { mapping: parsed.mapping } : {}) };
  }

  /** Plans what was read; nothing is written. */
  async preview(options: PreviewOptions): Promise<PlanPreview> {
    if (!this.parsed) throw new Error('no file was read');
    this.plan = await planImport(this.db(), this.parsed, options);
    return previewOf(this.plan);
  }

  /** Writes the last plan previewed. */
  async run(onProgress?: (progress: ImportProgress) => void, signal?: AbortSignal): Promise<ImportResult> {
    if (!this.plan) throw new Error('nothing was previewed');
    return runImport(this.db(), this.plan, { onProgress, signal });
  }
}

export type { ImportProgress, ImportResult };
