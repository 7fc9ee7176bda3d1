/**
 * The one place the options page reaches lib/io/formats (parsers and exporters), so the UI does
 * not depend on how that folder is laid out.
 */
import { decodeText } from '@/lib/io/formats/decode';
import { parseContactsCsv } from '@/lib/io/formats/csv-contacts';
import type { Contact } from '@/lib/model';
import type { ColumnMapping, ParsedImport } from '@/lib/io/types';

export { guessMapping, headerSignature } from '@/lib/io/formats/csv-layouts';

export interface ParseFileOptions {
  fileName: string;
  mapping?: ColumnMapping;
  defaultCurrency: string;
  encoding?: string;
  onProgress?: (processed: number, total: number) => void;
  signal?: AbortSignal;
}

// Temporary until lib/io/formats/index.ts lands: contacts CSVs only.
export async function parseImportFile(bytes: Uint8Array, options: ParseFileOptions): Promise<ParsedImport> {
  const decoded = decodeText(bytes, options.encoding);
  const parsed = await parseContactsCsv(decoded.text, {
    mapping: options.mapping,
    afterChunk: async (processed, total) => {
      options.signal?.throwIfAborted();
      options.onProgress?.(processed, total);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  });
  return { ...parsed, notices: [decoded.notice, ...parsed.notices] };
}

export function contactsToCsv(_contacts: readonly Contact[]): string {
  throw new Error('CSV export is not available yet.');
}

export function contactsToVcard(_contacts: readonly Contact[]): string {
  throw new Error('vCard export is not available yet.');
}
