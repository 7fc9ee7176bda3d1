/**
 * The one entry point for an imported file: bytes in, a ParsedImport out, whatever the format.
 * Runs the same in the options page and in Node (`npm run io`): no database, no DOM. Between
 * chunks of a large CSV it reports progress and yields, so a page stays responsive and a cancel
 * (the AbortSignal) takes effect.
 */
import type { ColumnMapping, ImportFormat, ParsedImport } from '../types';
import { parseContactsCsv } from './csv-contacts';
import { decodeText } from './decode';
import { detectFormat } from './detect';
import { parseCdnowTransactions, parseTransactionsCsv } from './transactions';
import { parseVcards } from './vcard';
import { yieldToPage as nextTask } from '../yield-to-page';

export interface ImportProgress {
  /** Characters read so far, of `total`. */
  processed: number;
  total: number;
}

export interface ParseImportOptions {
  fileName?: string;
  mapping?: ColumnMapping;
  /** For transactions without a currency column (default USD). */
  defaultCurrency?: string;
  /** A WHATWG encoding label (e.g. "shift_jis") when the file's cannot be guessed. */
  encoding?: string;
  /** Read the file as this format instead of detecting it. */
  format?: ImportFormat;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

/** The file cannot be imported at all (not a format we read): a message for the user. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

export async function parseImportFile(bytes: Uint8Array, options: ParseImportOptions = {}): Promise<ParsedImport> {
  options.signal?.throwIfAborted();
  let decoded;
  try {
    decoded = decodeText(bytes, options.encoding);
  } catch (error) {
    throw new ImportFileError(error instanceof Error ? error.message : String(error));
  }
  const { text } = decoded;
  const format = options.format ?? detectFormat(options.fileName, text);
  if (format === null) {
    throw new ImportFileError(
      'Unknown file format: expected a contacts CSV (Google, Outlook, LinkedIn, HubSpot or any CSV with a header), a vCard (.vcf), a transactions CSV, a CDNOW file or a Sidebar CRM backup.',
    );
  }
  const afterChunk = async (processed: number, total: number) => {
    options.onProgress?.({ processed, total });
    await nextTask();
    options.signal?.throwIfAborted();
  };
  const currency = (options.defaultCurrency ?? 'USD').toUpperCase();

  let parsed: ParsedImport;
  switch (format) {
    case 'backup-json':
      // Restoring a backup is lib/io/backup.ts's job: it needs the database.
      parsed = { format, rows: 0, contacts: [], transactions: [], rejected: [], notices: ['A Sidebar CRM backup: restore it instead of importing it.'] };
      break;
    case 'vcard':
      parsed = parseVcards(text, { fileEncoding: decoded.encoding });
      break;
    case 'transactions-csv':
      parsed = await parseTransactionsCsv(text, { defaultCurrency: currency, afterChunk });
      break;
    case 'cdnow':
      try {
        parsed = parseCdnowTransactions(text, currency);
      } catch (error) {
        throw new ImportFileError(error instanceof Error ? error.message : String(error));
      }
      break;
    default:
      parsed = await parseContactsCsv(text, { ...(options.mapping ? { mapping: options.mapping } : {}), afterChunk });
  }
  options.onProgress?.({ processed: text.length, total: text.length });
  return { ...parsed, notices: [decoded.notice, ...parsed.notices] };
}
